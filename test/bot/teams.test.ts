import { ActivityTypes, CardFactory, MemoryStorage, TestAdapter, type Activity, type ChannelAccount, type ConversationAccount, type Storage } from 'botbuilder';
import { adaptiveCardActions, readReplies } from '../../bot/channelReplies';
import { wording } from '../../dialogs/wording';
import { REAL_KB, SMALL_KB } from '../helpers/kbFolder';
import { message, testBot } from '../helpers/testBot';

const BOT: ChannelAccount = { id: '28:cop-guide-bot', name: 'COP Guide Bot' };
const ALEX: ChannelAccount = { id: '29:alex', name: 'Alex' };
const SAM: ChannelAccount = { id: '29:sam', name: 'Sam' };

const PERSONAL = { id: 'a:personal-alex', conversationType: 'personal', isGroup: false } as ConversationAccount;
const GROUP_CHAT = { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true } as ConversationAccount;
const CHANNEL = { id: '19:general@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true } as ConversationAccount;

/** An @mention entity as Teams sends it: its text is what stands in the message. */
const mentionOf = (who: ChannelAccount) => ({ type: 'mention', mentioned: who, text: `<at>${who.name}</at>` });

/** A message as Teams sends it: from someone, in a conversation, the bot @mentioned first where several people talk. */
function teamsMessage(text: string, from: ChannelAccount, conversation: ConversationAccount, extra: Partial<Activity> = {}): Partial<Activity> {
  const mention = conversation.isGroup ? mentionOf(BOT) : undefined;
  return message(mention ? `${mention.text} ${text}` : text, { from, conversation, recipient: BOT, entities: mention ? [mention] : [], ...extra });
}

/** What a Teams user sees: the text of the replies, and the buttons of their cards. */
function seen(replies: Partial<Activity>[]) {
  return readReplies(replies);
}

/** The real bot on Teams; each activity names its own conversation and sender (testBot's adapter would make every one personal). */
function teamsBot(knowledgeFolder: string, storage?: Storage) {
  const { bot } = testBot(knowledgeFolder, 'msteams', {}, storage);
  return { adapter: new TestAdapter((context) => bot.run(context), { channelId: 'msteams' }) };
}

/** Sends one activity and collects every reply of the turn. */
async function turn(adapter: TestAdapter, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  await adapter.receiveActivity(activity);
  const replies: Partial<Activity>[] = [];
  while (adapter.activeQueue.length > 0) replies.push(adapter.activeQueue.shift() as Partial<Activity>);
  return replies;
}

describe('Teams: the @mention of the bot', () => {
  it.each([
    ['before the question', '<at>COP Guide Bot</at> When was the launch event?'],
    ['in the middle of it', 'When was the <at>COP Guide Bot</at> launch event?'],
    ['after it, with a line break', 'When was the launch event?\n<at>COP Guide Bot</at>'],
  ])('is dropped %s, so it does not change the answer', async (_where, text) => {
    const { adapter } = teamsBot(REAL_KB);
    const replies = await turn(adapter, message(text, { from: ALEX, conversation: GROUP_CHAT, recipient: BOT, entities: [mentionOf(BOT)] }));
    expect(seen(replies).text).toContain('24 June 2020');
  });

  it('is dropped with the mention of another person asked beside it', async () => {
    const { adapter } = teamsBot(REAL_KB);
    const megan = { id: '29:megan', name: 'Megan Bowen' };
    const text = '<at>Megan Bowen</at> <at>COP Guide Bot</at> when was the launch event?';
    const replies = await turn(adapter, message(text, { from: ALEX, conversation: GROUP_CHAT, recipient: BOT, entities: [mentionOf(megan), mentionOf(BOT)] }));
    expect(seen(replies).text).toContain('24 June 2020');
  });

  it('is only the mention: without a mention entity the words stay part of the question', async () => {
    const { adapter } = teamsBot(SMALL_KB);
    const replies = await turn(adapter, message('are pears sweet', { from: ALEX, conversation: PERSONAL, recipient: BOT, entities: [] }));
    expect(seen(replies).text).toBe('Pears taste sweet and juicy.');
  });
});

describe('Teams: buttons', () => {
  it('come as an Adaptive Card under the answer, each posting its question back as the user', async () => {
    const { adapter } = teamsBot(REAL_KB);
    const [answer] = await turn(adapter, teamsMessage('When was the launch event?', ALEX, PERSONAL));
    expect(answer.text).toContain('24 June 2020');
    expect(answer.suggestedActions).toBeUndefined();
    expect(answer.attachments?.[0].contentType).toBe(CardFactory.contentTypes.adaptiveCard);
    const actions = adaptiveCardActions(answer.attachments?.[0] ?? { contentType: '' });
    expect(actions.map((a) => a.title)).toEqual(expect.arrayContaining(['Watch the recording', 'Who are you?', '👍', '👎']));
    expect(actions.find((a) => a.title === 'Watch the recording')?.data.msteams).toEqual({ type: 'imBack', value: expect.stringMatching(/recording/i) });
  });

  it('answer a click that comes back as the button data (as the Agents Playground sends it) as if its text was typed', async () => {
    const { adapter } = teamsBot(REAL_KB);
    const [answer] = await turn(adapter, teamsMessage('When was the launch event?', ALEX, PERSONAL));
    const recording = adaptiveCardActions(answer.attachments?.[0] ?? { contentType: '' }).find((a) => a.title === 'Watch the recording');
    const clicked = await turn(adapter, { type: ActivityTypes.Message, from: ALEX, conversation: PERSONAL, recipient: BOT, value: recording?.data });
    expect(seen(clicked).text).toMatch(/recorded webcast/);
    expect(seen(clicked).text).not.toMatch(/I can only read typed messages/);
  });
});

describe('Teams: group chats and channels answer each message on its own', () => {
  it.each([
    ['group chat', GROUP_CHAT],
    ['channel', CHANNEL],
  ])('in a %s, a number picks nothing another person was offered; one to one it does', async (_kind, shared) => {
    const { adapter } = teamsBot(SMALL_KB);
    expect(seen(await turn(adapter, teamsMessage('colours?', ALEX, shared))).suggestions).toContain('None of these');
    expect(seen(await turn(adapter, teamsMessage('1', SAM, shared))).text).toMatch(/^Sorry, I don't know/);
    // Nor is it Alex's own pick a message later: nothing of the conversation is kept.
    expect(seen(await turn(adapter, teamsMessage('1', ALEX, shared))).text).toMatch(/^Sorry, I/);

    await turn(adapter, teamsMessage('colours?', ALEX, PERSONAL));
    expect(seen(await turn(adapter, teamsMessage('1', ALEX, PERSONAL))).text).toMatch(/^(Apples are red|Pears are usually green)/);
  });

  it('tailors answers to who each person said they are, never to what someone else said', async () => {
    const { adapter } = teamsBot(SMALL_KB);
    await turn(adapter, teamsMessage("I'm a kid", ALEX, GROUP_CHAT));
    expect(seen(await turn(adapter, teamsMessage('what colour are apples', SAM, GROUP_CHAT))).text).toMatch(/^Apples are red/);
    expect(seen(await turn(adapter, teamsMessage('what colour are apples', ALEX, GROUP_CHAT))).text).toBe('Apples can be red, green or yellow!\n\nTalk to an adult you trust about fruit worries.');
    // Alex's own audience is Alex's everywhere, as in any conversation.
    expect(seen(await turn(adapter, teamsMessage('what colour are apples', ALEX, PERSONAL))).text).toMatch(/^Apples can be red, green or yellow!/);
  });

  it('starts no guided flow there (it would need memory of the conversation) and offers none; one to one it does', async () => {
    const { adapter } = teamsBot(REAL_KB);
    expect(seen(await turn(adapter, teamsMessage('About the launch event', ALEX, GROUP_CHAT))).text).toBe(wording.flowsNeedAPersonalChat);
    expect(seen(await turn(adapter, teamsMessage('help', ALEX, GROUP_CHAT))).suggestions).not.toContain('About the launch event');

    expect(seen(await turn(adapter, teamsMessage('help', ALEX, PERSONAL))).suggestions).toContain('About the launch event');
    const flow = seen(await turn(adapter, teamsMessage('About the launch event', ALEX, PERSONAL)));
    expect(flow.text).not.toBe(wording.flowsNeedAPersonalChat);
    expect(flow.suggestions).toContain('Stop');
    // Left for a question, it is still there to resume: the conversation is remembered one to one.
    expect(seen(await turn(adapter, teamsMessage('menu', ALEX, PERSONAL))).suggestions).toContain('Continue: About the launch event');
  });

  it('offers only buttons understood without memory: no vote, no "Who are you?" (a typed audience still works)', async () => {
    const { adapter } = teamsBot(REAL_KB);
    const group = seen(await turn(adapter, teamsMessage('When was the launch event?', ALEX, GROUP_CHAT)));
    expect(group.text).toContain('24 June 2020');
    expect(group.suggestions).toContain('Watch the recording');
    expect(group.suggestions).not.toEqual(expect.arrayContaining(['👍']));
    expect(group.suggestions).not.toContain('👎');
    expect(group.suggestions).not.toContain('Who are you?');
    expect(seen(await turn(adapter, teamsMessage('Parent or carer', SAM, GROUP_CHAT))).text).toMatch(/parent/i);

    const personal = seen(await turn(adapter, teamsMessage('When was the launch event?', ALEX, PERSONAL)));
    expect(personal.suggestions).toEqual(expect.arrayContaining(['Who are you?', '👍', '👎']));
  });

  it('keeps nothing of a shared conversation in storage, and each person their own profile', async () => {
    const storage = new MemoryStorage();
    const { adapter } = teamsBot(SMALL_KB, storage);
    await turn(adapter, teamsMessage("I'm a kid, what colour are apples?", ALEX, GROUP_CHAT));
    await turn(adapter, teamsMessage('colours?', SAM, CHANNEL));
    await turn(adapter, teamsMessage('colours?', ALEX, PERSONAL));
    const keys = [GROUP_CHAT, CHANNEL, PERSONAL].map((c) => `msteams/conversations/${c.id}/`);
    const saved = await storage.read([...keys, `msteams/users/${ALEX.id}/`, `msteams/users/${SAM.id}/`]);
    // Sam said nothing about themselves: nothing is kept for Sam at all.
    expect(Object.keys(saved).sort()).toEqual([keys[2], `msteams/users/${ALEX.id}/`].sort());
    expect(saved[`msteams/users/${ALEX.id}/`]).toMatchObject({ profile: { audience: 'children' } });
  });
});

describe('Teams: the welcome', () => {
  const added = (conversation: ConversationAccount, members: ChannelAccount[]): Partial<Activity> => ({
    type: ActivityTypes.ConversationUpdate,
    membersAdded: members,
    from: ALEX,
    conversation,
    recipient: BOT,
  });

  it('greets a person who opens a one-to-one chat (Teams adds them and the bot)', async () => {
    const { adapter } = teamsBot(REAL_KB);
    expect(seen(await turn(adapter, added(PERSONAL, [ALEX, BOT]))).text).toMatch(/^Hello! I'm the COP Guide Bot/);
  });

  it.each([
    ['group chat', GROUP_CHAT],
    ['channel', CHANNEL],
  ])('introduces itself once in a %s, when it is added, not to everyone who joins later', async (_kind, shared) => {
    const { adapter } = teamsBot(REAL_KB);
    expect(seen(await turn(adapter, added(shared, [BOT]))).text).toMatch(/^Hello! I'm the COP Guide Bot/);
    expect(await turn(adapter, added(shared, [SAM]))).toEqual([]);
  });

  it('welcomes a group as a whole, not as the person who added the bot (whose audience it knows)', async () => {
    const { adapter } = teamsBot(REAL_KB);
    await turn(adapter, teamsMessage("I'm a teacher", ALEX, PERSONAL));
    expect(seen(await turn(adapter, added(PERSONAL, [ALEX, BOT]))).text).toMatch(/^Welcome back!/);
    expect(seen(await turn(adapter, added(GROUP_CHAT, [BOT]))).text).toMatch(/^Hello! I'm the COP Guide Bot/);
  });
});

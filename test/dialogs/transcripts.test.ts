import { MemoryStorage } from 'botbuilder';
import { readReplies } from '../../bot/channelReplies';
import { dialogClient, type Seen } from '../helpers/dialogClient';
import { REAL_KB } from '../helpers/kbFolder';
import { message, testBot } from '../helpers/testBot';

/** What a reply must show: text (substring or pattern), buttons it must offer, buttons it must not. */
interface Expect {
  text?: string | RegExp;
  buttons?: readonly string[];
  noButtons?: readonly string[];
}
type Transcript = [user: string, expect: Expect][];

function check(seen: Seen, expected: Expect, said: string): void {
  const where = `after "${said}": ${seen.text}\n[${seen.suggestions.join(' | ')}]`;
  if (typeof expected.text === 'string') expect({ where, ok: seen.text.includes(expected.text) }).toEqual({ where, ok: true });
  if (expected.text instanceof RegExp) expect({ where, ok: expected.text.test(seen.text) }).toEqual({ where, ok: true });
  for (const button of expected.buttons ?? []) expect({ where, offered: seen.suggestions.includes(button) }).toEqual({ where, offered: true });
  for (const button of expected.noButtons ?? []) expect({ where, offered: seen.suggestions.includes(button) }).toEqual({ where, offered: false });
}

async function play(transcript: Transcript): Promise<ReturnType<typeof dialogClient>> {
  const client = dialogClient(REAL_KB);
  for (const [said, expected] of transcript) check(await client.say(said), expected, said);
  return client;
}

/** Answers every step of a flow with its first option until the summary comes. */
async function finishFlow(say: (text: string) => Promise<Seen>, first: Seen, summary: RegExp, maxSteps = 8): Promise<number> {
  let seen = first;
  let steps = 0;
  while (!summary.test(seen.text)) {
    expect(seen.suggestions).toContain('Stop');
    if (++steps > maxSteps) throw new Error(`no summary after ${maxSteps} steps: ${seen.text}`);
    seen = await say('1');
  }
  expect(seen.suggestions).not.toContain('Stop');
  return steps;
}

describe('onboarding and the guided flow of each audience, to the end', () => {
  it.each([
    ['Child or young person', '9 to 12', 'Quiz: how safe are you online?', /Thanks for taking the quiz![\s\S]*You got \d of 5 right/, 5],
    ['Parent or carer', undefined, 'Make a family online-safety plan', /Here is your family's online-safety plan:[\s\S]*- Age:/, 3],
    ['Teacher or educator', undefined, 'Make a family online-safety plan', /Here is your family's online-safety plan:/, 3],
    ['Industry', undefined, 'Check your product against the five key areas', /Here is what to look at next:/, 5],
    ['Policy-maker', undefined, 'Plan a national COP strategy', /Your next steps:/, 5],
    ['Something else', undefined, 'About the launch event', /That's the launch event in brief/, 4],
  ] as const)('%s: greeting, menu, and the flow "%s"…', async (choice, ageBand, flowTitle, summary, steps) => {
    const { say } = dialogClient(REAL_KB);
    let seen = await say(choice);
    if (ageBand) {
      check(seen, { text: 'How old are you?', buttons: ['Under 9', '9 to 12', '13 to 18'] }, choice);
      seen = await say(ageBand);
    }
    check(seen, { buttons: [flowTitle] }, choice);
    const first = await say(flowTitle);
    expect(await finishFlow(say, first, summary)).toBe(steps);
  });

  it('skips the quiz question meant for teenagers when the child is younger, and asks it of a teenager', async () => {
    const young = dialogClient(REAL_KB);
    await young.say("I'm 10");
    expect(await finishFlow(young.say, await young.say('Quiz: how safe are you online?'), /You got \d of 5 right/)).toBe(5);
    const teen = dialogClient(REAL_KB);
    await teen.say("I'm 15");
    expect(await finishFlow(teen.say, await teen.say('Quiz: how safe are you online?'), /You got \d of 6 right/)).toBe(6);
  });

  it('gives kind feedback on each quiz answer and counts the right ones', async () => {
    await play([
      ["I'm 11", { text: 'children and young people' }],
      ['Quiz: how safe are you online?', { text: 'Do you have rights when you are online?', buttons: ['Yes, I have rights online too', 'No, rights are only for offline', 'Stop'] }],
      ['No, rights are only for offline', { text: /rights/i, buttons: ["It's just a joke, so it's fine"] }],
      ['No, cyberbullying is never okay', { text: /Exactly!/ }],
      ['Take charge of my screen time', { buttons: ["Don't go, and tell an adult I trust"] }],
      ["Don't go, and tell an adult I trust", { buttons: ['No, I choose carefully what I share'] }],
      ['No, I choose carefully what I share', { text: /You got 4 of 5 right/ }],
    ]);
  });

  it('answers a question at once, with the choice of audience still offered', async () => {
    await play([['When was the launch event?', { text: '24 June 2020', buttons: ['Who are you?', '👍', '👎'] }], ['Who are you?', { text: 'Who are you? Pick one', buttons: ['Industry'] }]]);
  });
});

describe('leaving a flow and coming back', () => {
  it('answers a question asked in the middle of a flow, then resumes at the same step', async () => {
    await play([
      ['Parent or carer', { buttons: ['Make a family online-safety plan'] }],
      ['Make a family online-safety plan', { text: 'How old is your child?' }],
      ['9 to 12', { text: 'Which device does your child use most?' }],
      ['what is grooming', { text: /grooming/i, buttons: ['Continue: Make a family online-safety plan', 'Start again: Make a family online-safety plan'] }],
      ['Continue: Make a family online-safety plan', { text: /Welcome back[\s\S]*Which device does your child use most\?/ }],
      ['Smartphone or tablet', { text: 'What worries you most right now?' }],
      ['Screen time', { text: /Here is your family's online-safety plan:[\s\S]*- Age:[\s\S]*- Device:[\s\S]*Screen time/, noButtons: ['Continue: Make a family online-safety plan'] }],
      ['resume', { text: 'There is nothing to carry on with' }],
    ]);
  });

  it('restarts a flow from its first step', async () => {
    await play([
      ['Industry', {}],
      ['Check your product against the five key areas', { text: /corporate policies/ }],
      ['Partly', {}],
      ['stop', { text: 'OK, I\'ve stopped "Check your product against the five key areas"', buttons: ['Start again: Check your product against the five key areas'] }],
      ['Start again: Check your product against the five key areas', { text: /corporate policies/ }],
    ]);
  });
});

describe('interruptions from inside a flow', () => {
  const startQuiz: Transcript = [
    ["I'm 12", {}],
    ['Quiz: how safe are you online?', { text: 'Do you have rights when you are online?' }],
  ];
  const resumable = { buttons: ['Continue: Quiz: how safe are you online?'] };
  it.each([
    ['help', { text: /^Ask me a question in your own words/, ...resumable }, true],
    ['menu', { text: /^Here are the topics/, ...resumable }, true],
    ['stop', { text: 'OK, I\'ve stopped "Quiz: how safe are you online?"', ...resumable }, true],
    ['cancel', { text: 'OK, I\'ve stopped', ...resumable }, true],
    ['change audience', { text: 'Who are you? Pick one', buttons: ['Child or young person'] }, true],
    ["I'm actually a parent", { text: 'parents, carers and educators', buttons: ['Make a family online-safety plan'] }, true],
    ['start over', { text: "Let's start again." }, false],
  ] as const)('"%s" works at any step', async (interruption, expected, canResume) => {
    const { say } = await play([...startQuiz, [interruption, expected]]);
    const resumed = await say('resume');
    if (canResume) expect(resumed.text).toMatch(/Welcome back to "Quiz: how safe are you online\?"[\s\S]*Do you have rights/);
    else expect(resumed.text).toMatch(/There is nothing to carry on with/);
  });
});

describe('safety first, inside a flow too', () => {
  it('answers a disclosure made in the middle of a flow with the safety answer, then lets the flow resume', async () => {
    await play([
      ["I'm 12", {}],
      ['Quiz: how safe are you online?', { text: 'Do you have rights when you are online?' }],
      ['someone online keeps asking me to send nudes and says not to tell anyone', { text: /If you are in danger right now, call/, noButtons: ['👍', '👎', 'Continue: Quiz: how safe are you online?'] }],
      ['uk', { text: /Childline: 0800 1111/ }],
      ['resume', { text: /Welcome back to "Quiz: how safe are you online\?"/ }],
    ]);
  });
});

describe('who is asking', () => {
  it.each([
    ['eleven', 'Child or young person', { audience: 'children', age: 11, ageBand: '9-12' }],
    ['11', 'Child or young person', { audience: 'children', age: 11, ageBand: '9-12' }],
    ["I'm 11 years old", undefined, { audience: 'children', age: 11, ageBand: '9-12' }],
    ["I'm eleven", undefined, { audience: 'children', age: 11, ageBand: '9-12' }],
    ['I am 15', undefined, { audience: 'children', age: 15, ageBand: '13-18' }],
    ['my son is nine', undefined, { audience: 'parents-educators', childAge: 9, ageBand: '9-12' }],
    ['my daughter is 7', undefined, { audience: 'parents-educators', childAge: 7, ageBand: 'under-9' }],
    ["I'm a teacher", undefined, { audience: 'parents-educators' }],
    ['I work for a telecom company', undefined, { audience: 'industry' }],
    ["I'm in the ministry of ICT", undefined, { audience: 'policy-makers' }],
  ] as const)('reads %p', async (said, before, profile) => {
    const client = dialogClient(REAL_KB);
    if (before) await client.say(before);
    const seen = await client.say(said);
    expect(seen.text).toMatch(/^Thanks! I'll answer for/);
    expect(await client.profile()).toMatchObject(profile);
  });

  it('answers the question that comes with the introduction, for that audience', async () => {
    await play([["I'm 10, what is cyberbullying?", { text: /^Thanks! I'll answer for children and young people\.[\s\S]*never okay/, buttons: ['The workbook (9 to 12)'] }]]);
  });

  it.each([
    ["I'm a teacher, what's grooming?", /^Thanks! I'll answer for parents, carers and educators\.[\s\S]*(grooming|online contacts)/i],
    ['im 15 whats the net rules challenge', /^Thanks! I'll answer for children and young people\.[\s\S]*Net rules/i],
    ['whats cyberbullying mean, im 10', /^Thanks! I'll answer for children and young people\.[\s\S]*never okay/i],
  ])('answers the question said with an introduction, whatever its spelling: %p', async (said, expected) => {
    await play([[said, { text: expected }]]);
  });

  it('says who it answers for once: a known parent who mentions a child gets no second "Thanks!"', async () => {
    const client = dialogClient(REAL_KB);
    await client.say("I'm a parent");
    const seen = await client.say('how do i keep my 8 year old safe on youtube');
    expect(seen.text).not.toMatch(/Thanks! I'll answer for/);
    expect(await client.profile()).toMatchObject({ audience: 'parents-educators', childAge: 8 });
  });

  it('answers a question said with where someone lives: "we live in Canada, any helplines?"', async () => {
    const client = dialogClient(REAL_KB);
    const seen = await client.say('we live in Canada, any helplines?');
    expect(seen.text).not.toMatch(/^Thanks\. If you ever need help/);
    expect(seen.text).toMatch(/helpline|Pick one/i);
    expect(await client.profile()).toMatchObject({ country: 'ca' });
  });

  it('switches audience whenever someone says who they are', async () => {
    const client = await play([
      ["I'm a teacher", { text: 'parents, carers and educators' }],
      ['I work for a tech company actually', { text: 'industry', buttons: ['Check your product against the five key areas'] }],
      ['Change audience', { buttons: ['Policy-maker'] }],
      ['Policy-maker', { buttons: ['Plan a national COP strategy'] }],
    ]);
    expect(await client.profile()).toMatchObject({ audience: 'policy-makers' });
  });

  it('gives a child and a company different answers to the same question', async () => {
    const child = dialogClient(REAL_KB);
    await child.say("I'm 12");
    const company = dialogClient(REAL_KB);
    await company.say('I work for a social media company');
    const question = 'What is child sexual abuse material?';
    const [forChild, forCompany] = [await child.say(question), await company.say(question)];
    expect(forChild.text).not.toBe(forCompany.text);
    expect(forChild.text.length).toBeLessThan(forCompany.text.length);
    expect(forChild.text).toMatch(/adult (you|they) trust/);
  });
});

describe('multi-turn answers', () => {
  it('follows a follow-up clicked (its question is sent) or typed as its label', async () => {
    const client = dialogClient(REAL_KB);
    const launch = await client.say('When was the launch event?');
    expect(launch.suggestions).toContain('Watch the recording');
    check(await client.say('Watch the recording'), { text: /record/i }, 'typed label');
    const again = await client.say('When was the launch event?');
    expect(again.suggestions).toContain('Start time and length');
    check(await client.say('What time did the launch event start, and how long did it last?'), { text: /14:00|2 p\.m\.|Geneva/ }, 'clicked');
  });

  it('falls back in two stages: first asks for other words, then shows the topics', async () => {
    await play([
      ['what is the capital of France?', { text: "Sorry, I don't know the answer to that. Could you ask it in other words?" }],
      ['who won the football last night', { text: /^Sorry, I still don't know/, buttons: ['About the launch event'] }],
    ]);
  });

  it('asks for other words after "None of these", then shows the topics on a second miss', async () => {
    await play([
      ['launch?', { text: /Pick one|Did you mean/, buttons: ['None of these'] }],
      ['None of these', { text: 'Could you ask it in other words?' }],
      ['None of these', { text: /^Sorry, I still don't know/ }],
    ]);
  });

  it('records a vote with the entry id, and the 👎 question for the organisers\' inbox', async () => {
    const client = await play([
      ['what is grooming', { buttons: ['👍', '👎'] }],
      ['👎', { text: "Sorry that didn't help" }],
      ['👍', { text: 'Ask me a question first' }],
    ]);
    expect(client.insights.votes).toHaveLength(1);
    expect(client.insights.votes[0]).toMatchObject({ entryId: 'risks.grooming', helpful: false, audience: 'general', channel: 'emulator' });
    expect(Object.keys(client.insights.votes[0]).sort()).toEqual(['at', 'audience', 'channel', 'entryId', 'helpful']);
    expect(client.insights.misses).toEqual([
      expect.objectContaining({ reason: 'thumbs-down', question: 'what is grooming', entryId: 'risks.grooming', candidates: expect.arrayContaining([expect.objectContaining({ entryId: 'risks.grooming', confidence: 1 })]) }),
    ]);
    expect(client.insights.turns.map((turn) => turn.kind)).toEqual(['answer', 'answer', 'answer']);
  });

  it('sends what it could not answer, and "None of these", to the organisers\' inbox', async () => {
    const client = await play([
      ['what is the capital of peru', { text: /don't know/ }],
      ['launch?', { text: /Pick one|Did you mean/, buttons: ['None of these'] }],
      // The second miss in a row: the topics (and the same question is not recorded twice).
      ['None of these', { text: /still don't know/ }],
      ['None of these', { text: 'Could you ask it in other words?' }],
    ]);
    expect(client.insights.misses.map(({ reason, question }) => [reason, question])).toEqual([
      ['fallback', 'what is the capital of peru'],
      ['none-of-these', 'launch?'],
    ]);
    expect(client.insights.misses[1].candidates.length).toBeGreaterThan(1);
    expect(client.insights.turns.map((turn) => turn.kind)).toEqual(['fallback', 'clarify', 'fallback', 'fallback']);
  });

  it('does not ask for a vote after small talk', async () => {
    await play([['hello', { noButtons: ['👍', '👎'] }]]);
  });
});

describe('state across conversations', () => {
  it('remembers audience and age for the same user in a new conversation', async () => {
    const storage = new MemoryStorage();
    const first = testBot(REAL_KB, 'emulator', {}, storage, 'conversation-1');
    await first.adapter.send(message("I'm 11", { from: { id: 'same-user', name: 'Kid' } })).assertReply(() => undefined).startTest();
    const second = testBot(REAL_KB, 'emulator', {}, storage, 'conversation-2');
    await second.adapter
      .send(message('What is child sexual abuse material?', { from: { id: 'same-user', name: 'Kid' } }))
      .assertReply((reply) => expect(readReplies([reply]).text).toMatch(/adult (you|they) trust/))
      .startTest();
    const stranger = testBot(REAL_KB, 'emulator', {}, storage, 'conversation-3');
    await stranger.adapter
      .send(message('What is child sexual abuse material?', { from: { id: 'another-user', name: 'Adult' } }))
      .assertReply((reply) => expect(reply.suggestedActions?.actions.map((a) => a.title)).toContain('Who are you?'))
      .startTest();
  });
});

describe('questions that are not what they seem', () => {
  it('does not take a span of years for a phone number: "what triggered the 2019-2020 update of the guidelines?"', async () => {
    const client = dialogClient(REAL_KB);
    const seen = await client.say('what triggered the 2019-2020 update of the guidelines?');
    expect(seen.text).not.toMatch(/phone number/);
    expect(seen.text).toMatch(/update|revis|2018|Resolution 179/i);
  });

  it.each([
    'how can teens avoid getting sextorted in the first place',
    'where do i report sexual images of children found on a website',
    'what should a kid do if they see a sexual picture of another child online',
    'my teacher talked about grooming in class and I didn\'t really get it, is it when an adult befriends a kid?',
    'can nudes of a minor that have spread on snapchat be taken down',
  ])('answers an informational question with its topic, not the safety answer: %p', async (said) => {
    const client = dialogClient(REAL_KB);
    const seen = await client.say(said);
    expect(seen.text).not.toMatch(/If (you are|anyone is) in danger right now/);
  });
});

describe("the questions new users asked (issue 14's table): each gets a useful, true answer", () => {
  it.each([
    ["I'm a parent", 'how do i keep my 8 year old safe on youtube', /no YouTube-specific settings[\s\S]*Parental controls/],
    ["I'm a parent", 'my son is 12 and wants instagram, should I let him?', /no minimum age for social media[\s\S]*age of digital consent/],
    ["I'm a parent", "should I read my child's messages", /doesn't say whether parents should read[\s\S]*open co/],
    ["I'm a parent", 'what apps are safe for a 7 year old', /doesn't rate or recommend apps[\s\S]*Online with Sango/],
    ["I'm a parent", 'are smart toys safe? I heard they can spy on kids', /Connected toys and the Internet of Things/],
    // A child about to meet someone from online is the safety answer's business (issue 15): do not let them meet.
    ["I'm a parent", 'my 14 year old met a boy online and wants to meet him', /does not meet the person[\s\S]*Keep talking openly with the child/],
    ["I'm a teacher", 'what should our school teach about online safety', /no curriculum list[\s\S]*Teacher's Guide/],
    ['hi', 'when was the launch event and can I watch it?', /Wednesday 24 June 2020[\s\S]*recorded webcast/],
    ['hi', 'are you an official ITU service?', /^No\. I'm not an official ITU service/],
    ['I work for a tech company', 'we make a chat app used by teens, what do the guidelines expect from us', /doesn't single out chat apps[\s\S]*messaging service with teenag/],
  ] as const)('%s: %s', async (introduction, question, answer) => {
    const client = dialogClient(REAL_KB);
    await client.say(introduction);
    const seen = await client.say(question);
    expect(seen.text).toMatch(answer);
    expect(seen.text).not.toMatch(/Thanks! I'll answer for|Sorry, I don't know/);
  });
});

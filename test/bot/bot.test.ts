import { ActivityTypes, CardFactory, ConfigurationBotFrameworkAuthentication, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { BotEndpoint } from '../../bot/botEndpoint';
import { readReplies } from '../../bot/channelReplies';
import { REAL_KB, SMALL_KB } from '../helpers/kbFolder';
import { message, testBot, titles } from '../helpers/testBot';

describe('the bot on the real knowledge base', () => {
  it('welcomes a newcomer with what it does, and asks who they are without blocking', async () => {
    const { adapter } = testBot(REAL_KB);
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user1', name: 'User' }], recipient: { id: 'bot', name: 'Bot' } })
      .assertReply((reply) => {
        expect(reply.text).toMatch(/COP Guide Bot/);
        expect(reply.text).toMatch(/not a person/);
        expect(reply.text).toMatch(/never keep phone numbers, e-mail or home addresses/);
      })
      .assertReply((reply) => {
        expect(reply.text).toMatch(/who are you\?/);
        expect(titles(reply)).toEqual(['Child or young person', 'Parent or carer', 'Teacher or educator', 'Industry', 'Policy-maker', 'Something else']);
      })
      .startTest();
  });

  it('does not welcome itself when only the bot joins', async () => {
    const { adapter } = testBot(REAL_KB);
    await adapter.send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bot', name: 'Bot' }], recipient: { id: 'bot', name: 'Bot' } }).assertNoReply('no welcome for the bot itself', 300).startTest();
  });

  it('welcomes Web Chat users on the join event', async () => {
    const { adapter } = testBot(REAL_KB, 'webchat');
    await adapter.send({ type: ActivityTypes.Event, name: 'webchat/join' }).assertReply((reply) => expect(reply.text).toMatch(/^Hello! I'm the COP Guide Bot/)).startTest();
  });

  it('answers the launch date with follow-ups as suggested actions', async () => {
    const { adapter } = testBot(REAL_KB);
    await adapter
      .send(message('When was the COP guidelines launch event?'))
      .assertReply((reply) => {
        expect(reply.text).toContain('24 June 2020');
        expect(titles(reply).length).toBeGreaterThan(0);
        expect(reply.suggestedActions?.actions.every((a) => a.type === 'imBack')).toBe(true);
      })
      .startTest();
  });

  it('says honestly that it does not know: asks for other words first with the nearest topics, then offers the menu', async () => {
    const { adapter } = testBot(REAL_KB);
    await adapter
      .send(message('what is the capital of France?'))
      .assertReply((reply) => {
        expect(reply.text).toBe("Sorry, I don't know the answer to that. Could you ask it in other words? Or pick one of these topics, the closest I have:");
        expect(titles(reply)).toHaveLength(3);
      })
      .send(message('who won the football match yesterday'))
      .assertReply((reply) => {
        expect(reply.text).toMatch(/^Sorry, I still don't know/);
        expect(titles(reply)).toContain('About the launch event');
      })
      .startTest();
  });
});

describe('the bot on a small knowledge base', () => {
  it('asks which was meant on a close call, and takes a numbered pick', async () => {
    const { adapter } = testBot(SMALL_KB);
    await adapter
      .send(message('colours?'))
      .assertReply((reply) => {
        expect(reply.text).toBe("I'm not sure which of these you mean. Pick one:");
        expect(titles(reply).sort()).toEqual(['Apple colours', 'None of these', 'What colour are pears?']);
        expect(titles(reply).at(-1)).toBe('None of these');
      })
      .send('1')
      .assertReply((reply) => expect(reply.text).toMatch(/^(Apples are red|Pears are usually green)/))
      .startTest();
  });

  it('asks for other words after "None of these"', async () => {
    const { adapter } = testBot(SMALL_KB);
    await adapter
      .send(message('colours?'))
      .assertReply(() => undefined)
      .send('None of these')
      .assertReply((reply) => {
        expect(reply.text).toMatch(/Could you ask it in other words\?/);
        expect(titles(reply)).toEqual([]);
      })
      .send('plums and cherries')
      .assertReply((reply) => {
        expect(reply.text).toMatch(/^Sorry, I still don't know/);
        expect(titles(reply)).toEqual(['Apple colours', 'What do pears taste like?']);
      })
      .startTest();
  });

  it('follows a follow-up typed as its label, even to a context-only entry', async () => {
    const { adapter } = testBot(SMALL_KB);
    await adapter
      .send(message('are pears sweet'))
      .assertReply((reply) => {
        expect(reply.text).toBe('Pears taste sweet and juicy.');
        expect(titles(reply)).toEqual(['What is the secret fruit fact?', 'Who are you?', '👍', '👎']);
      })
      .send('what is the secret fruit fact')
      .assertReply('Bananas are berries.')
      .startTest();
  });

  it('answers help, menu and start over', async () => {
    const { adapter } = testBot(SMALL_KB);
    await adapter
      .send('help')
      .assertReply((reply) => {
        expect(reply.text).toMatch(/^Ask me a question in your own words/);
        expect(titles(reply)).toEqual(['Apples', 'Pears']);
      })
      .send('Menu')
      .assertReply((reply) => expect(reply.text).toMatch(/^Here are the topics/))
      .send('start over')
      .assertReply((reply) => {
        expect(reply.text).toBe("Let's start again. What would you like to know?");
        expect(titles(reply)).toEqual(['Apple colours', 'What do apples taste like?']);
      })
      .startTest();
  });

  it('refuses an over-long message kindly', async () => {
    const { adapter } = testBot(SMALL_KB, 'emulator', { MAX_MESSAGE_LENGTH: '40' });
    await adapter.send('apple '.repeat(20)).assertReply((reply) => expect(reply.text).toMatch(/a little long for me.*under 40 characters/)).startTest();
  });

  it('asks for text when a message has none', async () => {
    const { adapter } = testBot(SMALL_KB);
    await adapter.send(message('', { attachments: [CardFactory.heroCard('a picture')] })).assertReply('I can only read typed messages. Please type your question.').startTest();
  });

  it('tailors the answer to the audience in the profile', async () => {
    const { adapter, state } = testBot(SMALL_KB);
    const seed = new TurnContext(adapter, { ...adapter.conversation, type: 'message', from: { id: 'user1', name: 'User1' }, channelId: 'emulator' } as Partial<Activity>);
    (await state.load(seed, false)).profile.audience = 'children';
    await state.save(seed, false);
    await adapter.send('what colour are apples').assertReply('Apples can be red, green or yellow!\n\nTalk to an adult you trust about fruit worries.').startTest();
  });

  it('renders buttons as an Adaptive Card in Teams and drops the @mention of the bot', async () => {
    const { adapter } = testBot(SMALL_KB, 'msteams');
    const mention = { type: 'mention', mentioned: { id: 'bot', name: 'COP Guide Bot' }, text: '<at>COP Guide Bot</at>' };
    await adapter
      .send(message('<at>COP Guide Bot</at> colours?', { entities: [mention], recipient: { id: 'bot', name: 'COP Guide Bot' } }))
      .assertReply((reply) => {
        expect(reply.suggestedActions).toBeUndefined();
        expect(reply.attachments?.[0].contentType).toBe(CardFactory.contentTypes.adaptiveCard);
        expect(readReplies([reply]).suggestions).toContain('None of these');
      })
      .startTest();
  });

  it('numbers the options on a text-only channel', async () => {
    const { adapter } = testBot(SMALL_KB, 'sms');
    await adapter
      .send('colours?')
      .assertReply((reply) => expect(reply.text).toMatch(/Pick one:\n\n1\. .+\n2\. .+\n3\. None of these$/))
      .send('3')
      .assertReply((reply) => expect(reply.text).toMatch(/Could you ask it in other words/))
      .startTest();
  });
});

describe('the turn-error handler', () => {
  it('logs, sends a trace for the Emulator (without the internal message) and a polite reply', async () => {
    const cloudAdapter = new BotEndpoint(new ConfigurationBotFrameworkAuthentication({}), (await import('../../bot/logger')).createLogger('silent'), (id) => `hashed-${id.length}`);
    const sent: Partial<Activity>[] = [];
    const adapter = new TestAdapter(async (context) => {
      context.onSendActivities(async (_ctx, activities, next) => {
        sent.push(...activities);
        return next();
      });
      await cloudAdapter.onTurnError(context, new Error('boom'));
    }, { channelId: 'emulator' });
    await adapter.send('hi').startTest();
    expect(sent.map((a) => a.type)).toEqual(['trace', 'message']);
    expect(sent[0]).toMatchObject({ name: 'OnTurnError Trace' });
    expect(JSON.stringify(sent)).not.toContain('boom');
    expect(sent[1].text).toBe('Sorry, something went wrong on my side. Please try again.');
  });
});

describe('the safety answer (small knowledge base)', () => {
  it('answers a disclosure before anything else, asks the country once, then gives its helplines', async () => {
    const { adapter } = testBot(SMALL_KB);
    await adapter
      .send('I want to die')
      .assertReply((reply) => expect(reply.text).toMatch(/call the local emergency number/))
      .assertReply((reply) => expect(reply.text).toMatch(/^- /))
      .assertReply((reply) => expect(reply.text).toContain('Fruit Helpline International'))
      .assertReply('Which country are you in? Then I can give you the helplines there.')
      .send('uk')
      .assertReply('Thanks. Here is who can help (United Kingdom). In an emergency, call 999.')
      .assertReply((reply) => expect(reply.text).toContain('Fruitline: 0800 0000'))
      .assertReply('You can keep talking to me, or ask me anything else.')
      .send('what colour are apples')
      .assertReply((reply) => expect(reply.text).toMatch(/^Apples are red/))
      .startTest();
  });

  it('notes a country said in passing, and still answers a question that comes with it', async () => {
    const { adapter } = testBot(SMALL_KB);
    await adapter
      .send("I'm in the UK")
      .assertReply("Thanks. If you ever need help, I'll give you the helplines where you are (United Kingdom).")
      .send("we live in Britain, what colour are apples?")
      .assertReply((reply) => expect(reply.text).toMatch(/^Apples are red/))
      .send('I want to die')
      .assertReply((reply) => expect(reply.text).toMatch(/call 999/))
      .startTest();
  });

  it('takes the country from the locale and does not ask it', async () => {
    const { adapter } = testBot(SMALL_KB);
    await adapter
      .send(message('I want to die', { locale: 'en-GB' }))
      .assertReply((reply) => expect(reply.text).toMatch(/call 999/))
      .assertReply(() => undefined)
      .assertReply((reply) => expect(reply.text).toContain('Fruitline'))
      .assertReply('You can keep talking to me, or ask me anything else.')
      .startTest();
  });
});

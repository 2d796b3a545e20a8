import type { Activity } from 'botbuilder';
import { incomingMessage, isSharedConversation, turnRequest, WEBCHAT_JOIN_EVENT } from '../../bot/incoming';

const activity = (extra: Partial<Activity>): Activity =>
  ({ type: 'message', channelId: 'msteams', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'bot', name: 'COP Guide Bot' }, ...extra }) as Activity;

describe('isSharedConversation', () => {
  it.each([
    [{ conversationType: 'groupChat' }, true],
    [{ conversationType: 'channel' }, true],
    [{ isGroup: true }, true],
    [{ conversationType: 'personal' }, false],
    [{}, false],
  ])('%j → %s', (conversation, shared) => {
    expect(isSharedConversation({ conversation: { id: 'c', ...conversation } as Activity['conversation'] })).toBe(shared);
  });
});

describe('turnRequest', () => {
  it('answers messages, welcomes on Web Chat\'s join event, and leaves other activities alone', () => {
    expect(turnRequest(activity({}), false)).toBe('message');
    expect(turnRequest(activity({ type: 'event', name: WEBCHAT_JOIN_EVENT }), false)).toBe('welcome');
    expect(turnRequest(activity({ type: 'event', name: 'other' }), false)).toBeUndefined();
    expect(turnRequest(activity({ type: 'typing' }), false)).toBeUndefined();
    expect(turnRequest(activity({ type: 'conversationUpdate', membersRemoved: [{ id: 'u', name: 'U' }] }), false)).toBeUndefined();
  });

  it('welcomes a person joining one to one, but not the bot being added there', () => {
    expect(turnRequest(activity({ type: 'conversationUpdate', membersAdded: [{ id: 'u', name: 'U' }] }), false)).toBe('welcome');
    expect(turnRequest(activity({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'Bot' }] }), false)).toBeUndefined();
  });

  it('where several people talk, welcomes once, when the bot itself is added', () => {
    expect(turnRequest(activity({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'Bot' }] }), true)).toBe('welcome');
    expect(turnRequest(activity({ type: 'conversationUpdate', membersAdded: [{ id: 'u2', name: 'New colleague' }] }), true)).toBeUndefined();
  });
});

describe('incomingMessage', () => {
  it('takes out every @mention, the bot\'s and anyone\'s', () => {
    const mentions = [
      { type: 'mention', mentioned: { id: 'bot', name: 'COP Guide Bot' }, text: '<at>COP Guide Bot</at>' },
      { type: 'mention', mentioned: { id: 'u2', name: 'Sam' }, text: '<at>Sam</at>' },
    ];
    const message = incomingMessage(activity({ text: '<at>COP Guide Bot</at> <at>Sam</at> asked: when was the launch event?', entities: mentions }), true);
    expect(message).toEqual({ text: 'asked: when was the launch event?', channelId: 'msteams', locale: undefined, userId: 'u', shared: true });
  });

  it("reads a Teams card button's click when it comes back as data", () => {
    const clicked = activity({ text: undefined, value: { msteams: { type: 'imBack', value: 'When was the launch event?' } } });
    expect(incomingMessage(clicked, false).text).toBe('When was the launch event?');
  });

  it('keeps the locale, and names an unknown sender "unknown"', () => {
    const message = incomingMessage(activity({ text: 'hi', locale: 'en-GB', from: undefined as unknown as Activity['from'] }), false);
    expect(message).toMatchObject({ locale: 'en-GB', userId: 'unknown' });
  });
});

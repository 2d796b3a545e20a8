import { CardFactory } from 'botbuilder';
import { adaptiveCardActions, clickedButtonText, readReplies, renderForChannel } from '../../bot/channelReplies';
import type { BotReply } from '../../dialogs/reply';

const outcome = { kind: 'answer' as const, entryId: null, confidence: null, pii: false };
const replies: Record<string, BotReply> = {
  answer: { messages: ['The guidelines were launched on 24 June 2020.'], suggestions: [{ title: 'Watch the recording', value: 'Is there a recording?', entryId: 'event.recording' }, { title: '👍', value: '👍' }], outcome },
  clarify: { messages: ["I'm not sure which of these you mean. Pick one:"], suggestions: [{ title: 'Launch date', value: 'When was the launch?' }, { title: 'None of these', value: 'None of these' }], outcome: { ...outcome, kind: 'clarify' } },
  fallback: { messages: ["Sorry, I don't know the answer to that.", 'Here are the topics:'], suggestions: [{ title: 'The launch event', value: 'What was the launch event?' }], outcome: { ...outcome, kind: 'fallback' } },
  safety: { messages: ['You did the right thing telling me.', 'You can keep talking to me.'], suggestions: [], outcome: { ...outcome, kind: 'safety' } },
};

/** How a channel shows buttons: as suggested actions, as an Adaptive Card's buttons, or as numbered lines of text. */
const CHANNELS = [
  ['webchat', 'suggestedActions'],
  ['directline', 'suggestedActions'],
  ['emulator', 'suggestedActions'],
  ['msteams', 'card'],
  ['sms', 'numbered'],
  ['email', 'numbered'],
  ['slack', 'numbered'],
  ['some-new-channel', 'numbered'],
] as const;

describe('one renderer for every channel', () => {
  describe.each(Object.entries(replies))('%s', (_kind, reply) => {
    it.each(CHANNELS)('on %s: every message, and the options as %s', (channel, style) => {
      const activities = renderForChannel(reply, channel);
      expect(activities).toHaveLength(reply.messages.length);
      const seen = readReplies(activities);
      // Buttons are read back as buttons; numbered options are part of the text.
      expect(seen.suggestions).toEqual(style === 'numbered' ? [] : reply.suggestions.map((s) => s.title));
      const last = activities.at(-1);
      if (reply.suggestions.length === 0) {
        expect(last?.suggestedActions).toBeUndefined();
        expect(last?.attachments).toBeUndefined();
        expect(seen.text).toBe(reply.messages.join('\n\n'));
        return;
      }
      if (style === 'suggestedActions') {
        expect(last?.suggestedActions?.actions.map((a) => [a.type, a.value])).toEqual(reply.suggestions.map((s) => ['imBack', s.value]));
        expect(seen.text).toBe(reply.messages.join('\n\n'));
      } else if (style === 'card') {
        // What a Teams user sees: the text, then a card whose buttons post their value back as the user (imBack).
        expect(last?.suggestedActions).toBeUndefined();
        expect(seen.text).toBe(reply.messages.join('\n\n'));
        const [card] = last?.attachments ?? [];
        expect(card.contentType).toBe(CardFactory.contentTypes.adaptiveCard);
        expect(Number((card.content as { version: string }).version)).toBeLessThanOrEqual(1.5);
        expect(adaptiveCardActions(card)).toEqual(
          reply.suggestions.map((s) => ({ type: 'Action.Submit', title: s.title, data: { msteams: { type: 'imBack', value: s.value } } })),
        );
      } else {
        expect(last?.suggestedActions).toBeUndefined();
        expect(last?.attachments).toBeUndefined();
        expect(last?.text).toBe(`${reply.messages.at(-1)}\n\n${reply.suggestions.map((s, i) => `${i + 1}. ${s.title}`).join('\n')}`);
      }
    });
  });
});

describe('Teams cards', () => {
  const many = (n: number): BotReply => ({
    messages: ['Here are the topics:'],
    suggestions: Array.from({ length: n }, (_, i) => ({ title: `Topic ${i + 1}`, value: `Question ${i + 1}?` })),
    outcome,
  });
  const rows = (reply: BotReply) =>
    ((renderForChannel(reply, 'msteams')[0].attachments?.[0].content as { body: { type: string; actions: { title: string }[] }[] }).body).map((set) => {
      expect(set.type).toBe('ActionSet');
      return set.actions.map((a) => a.title);
    });

  it.each([
    [6, [6]],
    [7, [4, 3]],
    [9, [5, 4]],
    [13, [5, 4, 4]],
  ])('puts %i buttons in rows of at most six (Teams shows no more in one set), in order: %j', (n, lengths) => {
    const seen = rows(many(n));
    expect(seen.map((row) => row.length)).toEqual(lengths);
    expect(seen.flat()).toEqual(many(n).suggestions.map((s) => s.title));
  });

  it('reads a click that comes back as the button data (as the Agents Playground sends it) as the text it carries', () => {
    const click = { type: 'message', value: { msteams: { type: 'imBack', value: 'Is there a recording?' } } };
    expect(clickedButtonText(click)).toBe('Is there a recording?');
    expect(clickedButtonText({ ...click, text: 'typed' })).toBeUndefined();
    expect(clickedButtonText({ type: 'message', value: { msteams: { type: 'messageBack', value: 'x' } } })).toBeUndefined();
    expect(clickedButtonText({ type: 'message', value: 'not an object' })).toBeUndefined();
    expect(clickedButtonText({ type: 'message' })).toBeUndefined();
    expect(clickedButtonText({ type: 'invoke', value: click.value })).toBeUndefined();
  });
});

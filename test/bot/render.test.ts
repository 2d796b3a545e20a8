import { CardFactory } from 'botbuilder';
import { readReplies, renderForChannel } from '../../bot/render';
import type { BotReply } from '../../dialogs/reply';

const outcome = { kind: 'answer' as const, entryId: null, confidence: null, pii: false };
const replies: Record<string, BotReply> = {
  answer: { messages: ['The guidelines were launched on 24 June 2020.'], suggestions: [{ title: 'Watch the recording', value: 'Is there a recording?', entryId: 'event.recording' }, { title: '👍', value: '👍' }], outcome },
  clarify: { messages: ["I'm not sure which of these you mean. Pick one:"], suggestions: [{ title: 'Launch date', value: 'When was the launch?' }, { title: 'None of these', value: 'None of these' }], outcome: { ...outcome, kind: 'clarify' } },
  fallback: { messages: ["Sorry, I don't know the answer to that.", 'Here are the topics:'], suggestions: [{ title: 'The launch event', value: 'What was the launch event?' }], outcome: { ...outcome, kind: 'fallback' } },
  safety: { messages: ['You did the right thing telling me.', 'You can keep talking to me.'], suggestions: [], outcome: { ...outcome, kind: 'safety' } },
};

/** How a channel shows buttons: as suggested actions, as a card's buttons, or as numbered lines of text. */
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
        expect(last?.suggestedActions).toBeUndefined();
        expect(last?.attachments?.[0].contentType).toBe(CardFactory.contentTypes.heroCard);
      } else {
        expect(last?.suggestedActions).toBeUndefined();
        expect(last?.attachments).toBeUndefined();
        expect(last?.text).toBe(`${reply.messages.at(-1)}\n\n${reply.suggestions.map((s, i) => `${i + 1}. ${s.title}`).join('\n')}`);
      }
    });
  });
});

import { outcomeOf, replyOf, type BotReply } from './reply';
import type { IncomingMessage } from './turn';
import { wording } from './wording';

/**
 * Step 1, normalise: a message with no text (a picture, a sticker) or longer than the bot reads is answered
 * plainly at once. (Teams @mentions are taken out by the bot before the message gets here.)
 */
export function normaliseStep(message: IncomingMessage, maxMessageLength: number): BotReply | undefined {
  const text = message.text.trim();
  if (!text) return replyOf([wording.notText], [], outcomeOf('fallback'));
  if (text.length > maxMessageLength) return replyOf([wording.tooLong(maxMessageLength)], [], outcomeOf('fallback'));
  return undefined;
}

import type { KnowledgeBase } from '../knowledge/types';
import { menuSuggestions } from './menus';
import { personalDataFinderFor, type PersonalDataFinding, type PersonalDataKind } from './personalData';
import { replyOf, type BotReply } from './reply';
import type { Turn } from './turn';
import { wording } from './wording';

/** What a message comes to once its personal data is found: what the steps read, what may be kept, and the finding. */
export interface PrivateReading {
  /** The message without its personal data and the words that introduce it: what the search and commands read. */
  text: string;
  /** The message with personal data replaced by placeholders: the only form ever kept. */
  stored: string;
  finding: PersonalDataFinding | undefined;
}

/** A placeholder, with the words that introduce it ("my email is [email]", "call me on [phone]", "I'm [name] from [place]"). */
const PLACEHOLDERS =
  /(?:\b(?:my|our|his|her)\s+(?:[\w-]+\s+){0,2}(?:is|s)\s+|\b(?:call|text|email|message|add|find|contact)\s+me\s+(?:on\s+|at\s+)?|\bI\s+(?:live|stay)\s+(?:at|on|in)\s+|\b(?:i'?m|i am|this is|it'?s|named|called|from|in|near|at|go(?:es)? to)\s+)?\[(?:phone|email|ip|handle|address|name|place|school)\](?:\s+here\b)?/gi;
/** Some words left once personal data is taken out: more than "my number is". */
const MEANINGFUL = /[a-z]{3,}.*[a-z]{3,}.*[a-z]{3,}/i;

const PERSONAL_DATA_NAMES: Record<PersonalDataKind, string> = {
  phone: 'phone number',
  email: 'e-mail address',
  ip: 'IP address',
  handle: 'social media name',
  address: 'address',
  name: "name (or anyone else's)",
  place: 'home town',
  school: "school's name",
};

/**
 * Step 3, privacy, first half: personal data is found and replaced by `[phone]`, `[email]`, `[name]`… before
 * anything but the safety check reads the message, and before anything is kept.
 */
export function readPrivately(kb: KnowledgeBase, said: string): PrivateReading {
  const finding = personalDataFinderFor(kb).find(said);
  if (!finding) return { text: said, stored: said, finding };
  // The placeholders themselves are not part of the question.
  const text = finding.redacted.replace(PLACEHOLDERS, ' ').replace(/\s+/g, ' ').replace(/^[\s,.;:!-]+/, '').trim();
  return { text, stored: finding.redacted, finding };
}

/** A message that was little but personal data ("my number is …"): only the note, with the menu. */
export function onlyPersonalData(turn: Turn, finding: PersonalDataFinding | undefined): BotReply | undefined {
  return finding && !MEANINGFUL.test(turn.text) ? replyOf([], menuSuggestions(turn)) : undefined;
}

/**
 * Step 3, second half: the kind note about personal data goes with the reply (before an answer; after what the
 * safety step said, which always comes first), and the outcome is marked `pii`. The rest of the message was still answered.
 */
export function withPersonalDataNote(reply: BotReply, finding: PersonalDataFinding | undefined, where: 'before' | 'after'): BotReply {
  if (!finding) return reply;
  const what = finding.kinds.map((kind) => PERSONAL_DATA_NAMES[kind]);
  const note = wording.personalData(what.length > 1 ? `${what.slice(0, -1).join(', ')} or ${what.at(-1)}` : what[0]);
  const messages = where === 'before' ? [note, ...reply.messages] : [...reply.messages, note];
  return { ...reply, messages, outcome: { ...reply.outcome, pii: true } };
}

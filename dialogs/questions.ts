/**
 * A question mark, or a word that asks ("what's", "how", "can", "tell me"…), read on the message as typed, in
 * texting spellings too ("whats", "wat", "hows").
 */
const ASKS = /\?|\b(what|whats|wat|wot|how|hows|when|where|wheres|who|whos|why|which|can|could|is|are|do|does|should|tell me|explain|whether|wondering)\b/i;

/**
 * Whether a message asks something (to answer too) rather than only saying who someone is or where they are:
 * "I'm a teacher" is a statement, "I'm a teacher, what's grooming?" a question. Read on the text as typed, where
 * "?" and "what's" are still there.
 */
export function asksSomething(text: string): boolean {
  return ASKS.test(text);
}

/** Words that open a question: after "and" (or a question mark) they start a second one. */
const QUESTION_OPENER = String.raw`(?:what|whats|wat|how|hows|when|where|wheres|who|whos|why|which|can|could|is|are|was|were|do|does|did|will|would|should|has|have)\b`;
/** "…? when…", "… and who…", "…, and can…", "… also where…": the first place a second question starts. */
const SECOND_QUESTION = new RegExp(String.raw`\?\s*(?:and\s+|also\s+)?(?=${QUESTION_OPENER})|,?\s+(?:and|also|plus|&)\s+(?:also\s+)?(?=${QUESTION_OPENER})`, 'i');
/** Each part must say something of its own: at least this many letters. */
const MIN_PART_LETTERS = 6;

/**
 * A message that asks two questions, cut where the second starts ("when was the launch and can I watch it?" →
 * "when was the launch", "can I watch it?"); undefined for one question. Only the first cut counts: a third
 * question stays with the second.
 */
export function twoQuestions(text: string): [string, string] | undefined {
  const match = SECOND_QUESTION.exec(text);
  if (!match) return undefined;
  const first = text.slice(0, match.index).trim();
  const second = text.slice(match.index + match[0].length).trim();
  const letters = (part: string) => part.replace(/[^\p{L}]/gu, '').length;
  return letters(first) >= MIN_PART_LETTERS && letters(second) >= MIN_PART_LETTERS ? [first, second] : undefined;
}

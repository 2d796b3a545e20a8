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

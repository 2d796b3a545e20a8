/**
 * The words of a vocabulary indexed by their letter trigrams, to find the few words a misspelt one could be
 * ("groming" shares "<gr", "gro", "min", "ing", "ng>" with "grooming"). Candidates only: the caller measures the
 * edit distance of each. A look-up touches the words that share a trigram with the question's word, not the whole
 * vocabulary, so it costs microseconds where scanning every word (as Fuse.js does) cost milliseconds.
 */
export class SpellingIndex {
  private readonly wordsWith = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    for (const word of new Set(words)) {
      for (const gram of trigramsOf(word)) {
        const list = this.wordsWith.get(gram);
        if (list) list.push(word);
        else this.wordsWith.set(gram, [word]);
      }
    }
  }

  /** Up to `limit` words sharing the most trigrams with `word` (at least one), most shared first, then alphabetically. */
  near(word: string, limit: number): string[] {
    const shared = new Map<string, number>();
    for (const gram of trigramsOf(word)) for (const other of this.wordsWith.get(gram) ?? []) shared.set(other, (shared.get(other) ?? 0) + 1);
    return [...shared]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([other]) => other);
  }
}

/** The distinct trigrams of a word padded with "<" and ">" (so that its first and last letters count too). */
export function trigramsOf(word: string): Set<string> {
  const padded = `<${word}>`;
  const grams = new Set<string>();
  for (let at = 0; at + 3 <= padded.length; at++) grams.add(padded.slice(at, at + 3));
  return grams;
}

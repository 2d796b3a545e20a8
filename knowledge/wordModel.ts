/**
 * A multinomial naive Bayes model of which entry a question's words come from, learnt from the entries' own
 * questions and tags. The search's coverage score asks "does this entry have the question's words?"; this asks
 * "which entry is most likely to use these words?", so a word many entries share counts for little and a word
 * typical of one entry (even among its many phrasings) counts for much. The search blends the two.
 *
 * Small enough to write out: counting, plus a softmax over log-likelihoods. No Bot Framework or search types.
 */
export class EntryWordModel<Id extends string = string> {
  private readonly ids: Id[] = [];
  /** Per entry: stem → in how many of its phrasings the stem appears. */
  private readonly counts: Map<string, number>[] = [];
  private readonly totals: number[] = [];
  private readonly vocabulary = new Set<string>();

  /**
   * @param phrasings per entry id, its phrasings as stems (a stem counted once per phrasing)
   * @param smoothing additive smoothing: how much an entry is allowed to produce a word it never used
   */
  constructor(
    phrasings: ReadonlyMap<Id, readonly (readonly string[])[]>,
    private readonly smoothing = 0.05,
  ) {
    for (const [id, texts] of phrasings) {
      const counts = new Map<string, number>();
      let total = 0;
      for (const text of texts) {
        for (const word of new Set(text)) {
          counts.set(word, (counts.get(word) ?? 0) + 1);
          this.vocabulary.add(word);
          total++;
        }
      }
      this.ids.push(id);
      this.counts.push(counts);
      this.totals.push(total);
    }
  }

  /**
   * The probability of each entry given the question's words, each word weighted (1 for a word as typed, less
   * for a spelling correction). Words the model never saw say nothing and are skipped. Sums to 1 over the
   * entries; empty when no word is known.
   */
  posterior(words: ReadonlyMap<string, number>): Map<Id, number> {
    const known = [...words].filter(([word]) => this.vocabulary.has(word));
    const result = new Map<Id, number>();
    if (known.length === 0 || this.ids.length === 0) return result;
    const vocabularySize = this.vocabulary.size;
    const logLikelihoods = this.counts.map((counts, i) => {
      const denominator = Math.log(this.totals[i] + this.smoothing * vocabularySize);
      let sum = 0;
      for (const [word, weight] of known) sum += weight * (Math.log((counts.get(word) ?? 0) + this.smoothing) - denominator);
      return sum;
    });
    const max = Math.max(...logLikelihoods);
    const exponentials = logLikelihoods.map((value) => Math.exp(value - max));
    const total = exponentials.reduce((a, b) => a + b, 0);
    this.ids.forEach((id, i) => result.set(id, exponentials[i] / total));
    return result;
  }
}

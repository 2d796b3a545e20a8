import type { KnowledgeBase } from './types';
import { searchTokens } from './normalise';

/** A question as asked (already redacted), with its normalised form and anything else the caller carries. */
export interface AskedQuestion {
  question: string;
  normalised: string;
}

/** Questions that ask the same thing in different words. */
export interface QuestionGroup<T extends AskedQuestion> {
  /** The phrasing asked most often (the first asked, on a tie): the group's name in a report. */
  representative: string;
  /** Every question of the group, in the order given. */
  members: T[];
  /** Distinct phrasings, most asked first. */
  phrasings: { question: string; count: number }[];
}

/** Two questions belong together when this share of the rarer one's information is shared. */
export const SAME_TOPIC = 0.5;

/**
 * How informative each word is, from the knowledge base: a word found in few entries ("french", "translation")
 * says much more about a topic than one found in many ("guidelines", "children", "online").
 */
export function wordWeights(kb: KnowledgeBase): (word: string) => number {
  let weights = weightsByBase.get(kb);
  if (!weights) {
    weights = countWordWeights(kb);
    weightsByBase.set(kb, weights);
  }
  return weights;
}

/** One table per loaded base (a base never changes: a reload builds a new one). */
const weightsByBase = new WeakMap<KnowledgeBase, (word: string) => number>();

function countWordWeights(kb: KnowledgeBase): (word: string) => number {
  const documentFrequency = new Map<string, number>();
  for (const entry of kb.entries) {
    const words = new Set(entry.questions.flatMap((q) => searchTokens(q, kb.lexicon)));
    for (const word of words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  const entries = kb.entries.length;
  return (word) => Math.log((entries + 1) / (1 + (documentFrequency.get(word) ?? 0)));
}

/** Weighted overlap of two word sets, relative to the smaller one's weight (0: nothing shared, 1: one holds the other). */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: (word: string) => number): number {
  const total = (words: ReadonlySet<string>) => [...words].reduce((sum, word) => sum + weight(word), 0);
  const smaller = Math.min(total(a), total(b));
  if (smaller <= 0) return a.size > 0 && a.size === b.size && [...a].every((word) => b.has(word)) ? 1 : 0;
  const shared = [...a].filter((word) => b.has(word)).reduce((sum, word) => sum + weight(word), 0);
  return shared / smaller;
}

/**
 * Groups questions by topic, so twenty phrasings of one missing topic show as one row: two questions are linked
 * when they share at least {@link SAME_TOPIC} of the rarer one's information, and a group is everything linked
 * together (so the order questions came in does not matter). Groups come largest first.
 */
export function groupQuestions<T extends AskedQuestion>(questions: readonly T[], weight: (word: string) => number, threshold = SAME_TOPIC): QuestionGroup<T>[] {
  const words = questions.map((q) => new Set(q.normalised.split(' ').filter(Boolean)));
  // Union-find over the questions: linked pairs end up with one root.
  const parent = questions.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < questions.length; i++) {
    for (let j = 0; j < i; j++) if (root(i) !== root(j) && similarity(words[i], words[j], weight) >= threshold) parent[root(i)] = root(j);
  }
  const byRoot = new Map<number, T[]>();
  questions.forEach((question, i) => byRoot.set(root(i), [...(byRoot.get(root(i)) ?? []), question]));
  return [...byRoot.values()]
    .map((members) => {
      // One row per phrasing, however it was capitalised; shown as first asked.
      const counts = new Map<string, { question: string; count: number }>();
      for (const { question } of members) {
        const key = question.toLowerCase().trim();
        const seen = counts.get(key);
        if (seen) seen.count++;
        else counts.set(key, { question, count: 1 });
      }
      const phrasings = [...counts.values()].sort((a, b) => b.count - a.count);
      return { representative: phrasings[0].question, members, phrasings };
    })
    .sort((a, b) => b.members.length - a.members.length);
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KnowledgeProblem } from './errors';
import { readMatchTests, type MatchTestFile } from './matchEvaluation';
import { searchForm } from './normalise';
import { readSafetyTests, type SafetyTestFile } from './safetyEvaluation';
import type { KnowledgeBase } from './types';

/** Word-overlap similarity at or above which a held-out case counts as a near-copy of something tuned on. */
export const NEAR_COPY_SIMILARITY = 0.8;

/** The words of a text as the bot reads it: folded, synonyms applied, stop words dropped, stemmed. */
function wordsOf(text: string, kb: KnowledgeBase): Set<string> {
  return new Set(searchForm(text, kb.lexicon).split(' ').filter(Boolean));
}

/** Shared words over all words (Jaccard): 1 for the same words, whatever their order. */
export function wordOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The pattern without its look-arounds (`(?!…)`, `(?<=…)`…), which say where a phrase may stand, not what it says. */
function withoutLookarounds(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (/^\(\?<?[=!]/.test(source.slice(i, i + 4))) {
      let depth = 0;
      for (; i < source.length; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '(') depth++;
        else if (source[i] === ')' && --depth === 0) break;
      }
    } else {
      out += source[i];
    }
  }
  return out;
}

/** Every way through the alternations of a pattern's text (innermost groups first), at most `limit`. */
function alternatives(text: string, limit: number): string[] {
  const group = /\(([^()]*)\)/.exec(text);
  if (!group) return text.split('|');
  const [before, after] = [text.slice(0, group.index), text.slice(group.index + group[0].length)];
  const results: string[] = [];
  for (const option of group[1].split('|')) {
    for (const result of alternatives(`${before} ${option} ${after}`, limit - results.length)) {
      results.push(result);
      if (results.length >= limit) return results;
    }
  }
  return results;
}

/**
 * The literal phrases of a lexicon pattern, as a user might type them: `\\b(?:pictures|photos) of me\\b` gives
 * "pictures of me" and "photos of me" (at most 32 phrases). Character classes, repetitions, anchors and
 * look-arounds are dropped; optional parts are kept.
 */
export function patternPhrases(source: string): string[] {
  const text = withoutLookarounds(source)
    .replace(/\(\?:/g, '(')
    .replace(/\\[bBsSwWdD]|\[[^\]]*\]|\{\d+(?:,\d*)?\}|[*+?^$]/g, ' ')
    .replace(/\\(.)/g, '$1');
  return [...new Set(alternatives(text, 32).map((phrase) => phrase.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

interface Reference {
  words: Set<string>;
  /** What it is, as the problem names it: a tuning file and line, an entry's question, a lexicon pattern. */
  name: string;
}

/**
 * Blind and held-out sets stay apart from what the bot was shaped on: no case may be a near-copy (word overlap at
 * or above {@link NEAR_COPY_SIMILARITY}, once read as the bot reads it) of a tuning case, an entry's question, a
 * training phrasing, a message of the safety training corpus or a phrase of a lexicon pattern. Each such set must also say who wrote it, from what (`provenance`).
 */
export function heldOutProblems(kb: KnowledgeBase, sets: { tuning: MatchTestFile[]; blind: MatchTestFile[]; safety: SafetyTestFile[] }): KnowledgeProblem[] {
  const references: Reference[] = [];
  for (const file of [...sets.tuning, ...sets.safety.filter((f) => !f.holdout)]) {
    for (const item of file.cases) references.push({ words: wordsOf(item.text, kb), name: `${file.file}:${item.line}` });
  }
  for (const entry of kb.entries) for (const question of entry.questions) references.push({ words: wordsOf(question, kb), name: `a question of entry "${entry.id}"` });
  for (const [id, texts] of kb.training.examples) for (const text of texts) references.push({ words: wordsOf(text, kb), name: `a training phrasing of entry "${id}" ("${text}")` });
  for (const text of kb.training.outOfScope) references.push({ words: wordsOf(text, kb), name: `an out-of-scope training phrasing ("${text}")` });
  const { disclosures, concerns, ordinary } = kb.safety.training;
  for (const text of [...disclosures.map((d) => d.text), ...concerns, ...ordinary]) references.push({ words: wordsOf(text, kb), name: `a message of the safety training corpus ("${text}")` });
  for (const signal of kb.safety.lexicon.signals) {
    for (const pattern of signal.patterns) for (const phrase of patternPhrases(pattern.source)) references.push({ words: wordsOf(phrase, kb), name: `a ${signal.category} pattern of the safety lexicon ("${phrase}")` });
  }
  const byWord = new Map<string, Reference[]>();
  for (const reference of references) {
    for (const word of reference.words) {
      const list = byWord.get(word);
      if (list) list.push(reference);
      else byWord.set(word, [reference]);
    }
  }

  const problems: KnowledgeProblem[] = [];
  for (const file of [...sets.blind, ...sets.safety.filter((f) => f.holdout)]) {
    if (!file.provenance) problems.push({ file: file.file, line: 1, reason: 'a blind or held-out set must say who wrote it, from what (provenance)' });
    for (const item of file.cases) {
      const words = wordsOf(item.text, kb);
      const candidates = new Set([...words].flatMap((word) => byWord.get(word) ?? []));
      let closest: { reference: Reference; similarity: number } | undefined;
      for (const reference of candidates) {
        const similarity = wordOverlap(words, reference.words);
        if (!closest || similarity > closest.similarity) closest = { reference, similarity };
      }
      if (closest && closest.similarity >= NEAR_COPY_SIMILARITY) {
        problems.push({ file: file.file, line: item.line, reason: `"${item.text}" is a near-copy (${Math.round(closest.similarity * 100)} % of words shared) of ${closest.reference.name}: held-out cases must be new` });
      }
    }
  }
  return problems;
}

/** Reads a knowledge folder's test sets (those it has) and returns what keeps its blind and held-out sets from being apart. */
export function testSetProblems(kb: KnowledgeBase, folder: string): KnowledgeProblem[] {
  const tests = path.join(folder, 'tests');
  const read = <T>(sub: string, reader: (at: string) => T[]) => (existsSync(path.join(tests, sub)) ? reader(path.join(tests, sub)) : []);
  return heldOutProblems(kb, {
    tuning: read('', (at) => readMatchTests(at, kb)),
    blind: read('blind', (at) => readMatchTests(at, kb)),
    safety: read('safety', readSafetyTests),
  });
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/load';
import { patternPhrases, testSetProblems, wordOverlap } from '../../knowledge/nearCopies';
import { kbCopy, SMALL_KB } from '../helpers/kbFolder';

const FRUIT_TESTS = readFileSync(path.join(__dirname, '..', 'fixtures', 'kb-small-tests', 'fruit.yaml'), 'utf8');

/** The small base with its tuning set, a blind set and a held-out safety set of these texts. */
function baseWith(blind: string, holdout = 'holdout: true\nprovenance: written apart\ndisclosures: []\nordinary:\n  - "are pears nice"\n') {
  return kbCopy(SMALL_KB, { 'tests/fruit.yaml': FRUIT_TESTS, 'tests/blind/blind.yaml': blind, 'tests/safety/holdout.yaml': holdout });
}

describe('word overlap', () => {
  it('is the share of words two texts have in common, whatever their order', () => {
    expect(wordOverlap(new Set(['pear', 'colour']), new Set(['colour', 'pear']))).toBe(1);
    expect(wordOverlap(new Set(['pear', 'colour']), new Set(['pear', 'taste']))).toBeCloseTo(1 / 3);
    expect(wordOverlap(new Set(), new Set(['pear']))).toBe(0);
  });
});

describe('the phrases of a lexicon pattern', () => {
  it('spells out alternations and optional words, without look-arounds, anchors or classes', () => {
    expect(patternPhrases('\\b(?:send|sent) (?:me )?(?:nudes|pics?)\\b')).toEqual(['send me nudes', 'send me pics', 'sent me nudes', 'sent me pics']);
    expect(patternPhrases('^(?:what|whats) is\\b(?!.*\\b(?:me|my)\\b)')).toEqual(['what is', 'whats is']);
    expect(patternPhrases('\\bwant to die\\b')).toEqual(['want to die']);
  });

  it('stops at 32 phrases however many alternations a pattern has', () => {
    expect(patternPhrases('(a|b|c|d) (e|f|g|h) (i|j|k|l)')).toHaveLength(32);
  });
});

describe('blind and held-out sets stay apart (kb:check)', () => {
  it('accepts new phrasings, said by whom and from what', () => {
    const { folder, cleanup } = baseWith('provenance: written apart\ninScope:\n  - q: "do apples ever come in purple"\n    expect: fruit.apple-colour\n');
    try {
      expect(testSetProblems(loadKnowledgeBase(folder), folder)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('names, with file and line, a blind question that is a tuning question reworded, or an entry question once synonyms apply', () => {
    const blind = 'provenance: written apart\ninScope:\n  - q: "which colour: pears"\n    expect: fruit.pear-colour\n  - q: "apples: what colour?"\n    expect: fruit.apple-colour\n';
    const { folder, cleanup } = baseWith(blind);
    try {
      const problems = testSetProblems(loadKnowledgeBase(folder), folder);
      expect(problems.map((p) => `${path.basename(p.file)}:${p.line}`)).toEqual(['blind.yaml:3', 'blind.yaml:5']);
      expect(problems[0].reason).toMatch(/"which colour: pears" is a near-copy \(100 % of words shared\) of .*fruit\.yaml:\d+/);
      expect(problems[1].reason).toMatch(/a question of entry "fruit\.apple-colour"/);
    } finally {
      cleanup();
    }
  });

  it('names a held-out message that is a phrase of the safety lexicon, and a set that does not say who wrote it', () => {
    const { folder, cleanup } = baseWith('inScope:\n  - q: "do apples ever come in purple"\n    expect: fruit.apple-colour\n', 'holdout: true\ndisclosures:\n  - text: "Want to die."\n    category: self-harm\nordinary: []\n');
    try {
      const reasons = testSetProblems(loadKnowledgeBase(folder), folder).map((p) => p.reason);
      expect(reasons).toContain('a blind or held-out set must say who wrote it, from what (provenance)');
      expect(reasons.some((reason) => /"Want to die\." is a near-copy .* self-harm pattern of the safety lexicon \("want to die"\)/.test(reason))).toBe(true);
      expect(reasons.filter((reason) => reason.includes('provenance'))).toHaveLength(2);
    } finally {
      cleanup();
    }
  });

  it('reads only the sets a folder has', () => {
    expect(testSetProblems(loadKnowledgeBase(SMALL_KB), SMALL_KB)).toEqual([]);
  });
});

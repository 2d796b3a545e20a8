import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateKnowledgeBase } from '../../knowledge/evaluations';
import { loadKnowledgeBase } from '../../knowledge/load';
import { DEFAULT_SEARCH_SETTINGS } from '../../knowledge/search';
import { kbCopy, SMALL_KB } from '../helpers/kbFolder';

const FIXTURE_TESTS = path.join(__dirname, '..', 'fixtures', 'kb-small-tests');

/** The small base with a tuning set, a blind set and a safety set of its own. */
function folderWithTests(safetyThresholds: string) {
  const copy = kbCopy(SMALL_KB);
  const tests = path.join(copy.folder, 'tests');
  cpSync(FIXTURE_TESTS, tests, { recursive: true });
  mkdirSync(path.join(tests, 'blind'));
  writeFileSync(path.join(tests, 'blind', 'blind.yaml'), 'inScope:\n  - q: "what shade is an apple"\n    expect: fruit.apple-colour\noutOfScope:\n  - "best pizza in town"\n');
  mkdirSync(path.join(tests, 'safety'));
  writeFileSync(
    path.join(tests, 'safety', 'tuning.yaml'),
    `thresholds: ${safetyThresholds}\ndisclosures:\n  - text: "i want to die"\n    category: self-harm\n  - text: "i feel fine today"\n    category: self-harm\nordinary:\n  - "what is grooming"\n`,
  );
  return copy;
}

describe('evaluateKnowledgeBase (kb:test)', () => {
  it('runs the tuning set (failures listed), the blind set (figures only) and the safety sets, with the settings given', () => {
    const { folder, cleanup } = folderWithTests('{}');
    try {
      const run = evaluateKnowledgeBase(loadKnowledgeBase(folder), folder, DEFAULT_SEARCH_SETTINGS, { all: false });
      expect(run.report).toMatch(/FAIL\s+\d\.\d\d\s+fruit\.apple-colour\s+clarify/);
      expect(run.report).toMatch(/Blind check/);
      expect(run.report).not.toMatch(/what shade is an apple/);
      expect(run.report).toMatch(/Safety detection/);
      expect(run.below).toEqual([]);
      expect(evaluateKnowledgeBase(loadKnowledgeBase(folder), folder, DEFAULT_SEARCH_SETTINGS, { all: true }).report).toMatch(/what shade is an apple/);
    } finally {
      cleanup();
    }
  });

  it('names each file below its thresholds: here the safety set, which misses one disclosure of two', () => {
    const { folder, cleanup } = folderWithTests('{ recall: 1 }');
    try {
      const run = evaluateKnowledgeBase(loadKnowledgeBase(folder), folder, DEFAULT_SEARCH_SETTINGS, { all: false });
      expect(run.below).toHaveLength(1);
      expect(run.below[0]).toMatch(/safety[/\\]tuning\.yaml$/);
    } finally {
      cleanup();
    }
  });

  it('measures with the settings it is given, as the bot runs: a stricter answer threshold answers less', () => {
    const { folder, cleanup } = folderWithTests('{}');
    try {
      const kb = loadKnowledgeBase(folder);
      const strict = evaluateKnowledgeBase(kb, folder, { ...DEFAULT_SEARCH_SETTINGS, answerThreshold: 0.99, clarifyThreshold: 0.98 }, { all: true });
      const usual = evaluateKnowledgeBase(kb, folder, DEFAULT_SEARCH_SETTINGS, { all: true });
      const passes = (report: string) => (report.match(/^ok\b/gm) ?? []).length;
      expect(passes(strict.report)).toBeLessThan(passes(usual.report));
    } finally {
      cleanup();
    }
  });
});

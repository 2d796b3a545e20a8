import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatBatchReport, readBatchTests, runBatchTest } from '../../knowledge/matchEvaluation';
import { KnowledgeError } from '../../knowledge/errors';
import { loadKnowledgeBase } from '../../knowledge/load';
import { KnowledgeSearch } from '../../knowledge/search';
import { SMALL_KB } from '../helpers/kbFolder';

const kb = loadKnowledgeBase(SMALL_KB);
const search = new KnowledgeSearch(kb);
const FIXTURE_TESTS = path.join(__dirname, '..', 'fixtures', 'kb-small-tests');

function testsFolder(text: string): { folder: string; cleanup: () => void } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'cop-kbtest-'));
  writeFileSync(path.join(folder, 'case.yaml'), text);
  return { folder, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

describe('the batch test (kb:test)', () => {
  it('counts answers, clarifies and fallbacks, and checks the thresholds', () => {
    const [result] = readBatchTests(FIXTURE_TESTS, kb).map((test) => runBatchTest(search, test));
    expect(result).toMatchObject({ inScope: 3, answeredRight: 2, clarifiedWithRight: 1, answeredWrong: 0, outOfScope: 1, fellBack: 1, belowThresholds: [] });
    const failure = result.cases.find((c) => !c.passed);
    expect(failure).toMatchObject({ question: 'colours?', expected: 'fruit.apple-colour', outcome: 'clarify' });
  });

  it('reports a file below its thresholds', () => {
    const strict = readBatchTests(FIXTURE_TESTS, kb).map((test) => ({ ...test, thresholds: { inScopeAccuracy: 0.95 } }));
    expect(runBatchTest(search, strict[0]).belowThresholds).toEqual(['inScopeAccuracy']);
  });

  it('prints failures first, then the figures per file', () => {
    const report = formatBatchReport(readBatchTests(FIXTURE_TESTS, kb).map((test) => runBatchTest(search, test)));
    const lines = report.split('\n');
    expect(lines[0]).toMatch(/^result\s+conf\s+expected\s+got\s+question$/);
    expect(lines[1]).toMatch(/^FAIL\s+\d\.\d\d\s+fruit\.apple-colour\s+clarify \[.*\]\s+colours\?$/);
    expect(report).toMatch(/fruit\.yaml\s+3\s+66\.7 %\s+100\.0 %\s+0\s+1\s+100\.0 %\s+ok/);
  });

  it('lists every question, or none (the blind check shows figures only)', () => {
    const results = readBatchTests(FIXTURE_TESTS, kb).map((test) => runBatchTest(search, test));
    const every = formatBatchReport(results, { rows: 'all' });
    expect(every.split('\n').filter((line) => /^(ok|FAIL)\s/.test(line))).toHaveLength(4);
    const figuresOnly = formatBatchReport(results, { rows: 'none' });
    expect(figuresOnly).not.toMatch(/colours\?/);
    expect(figuresOnly.split('\n')[0]).toMatch(/^file\s+in scope/);
    expect(figuresOnly).toMatch(/fruit\.yaml\s+3\s+66\.7 %/);
  });

  it('rejects a test question copied from the knowledge base, and an unknown id, with file and line', () => {
    const tests = testsFolder('inScope:\n  - q: "what COLOUR are apples"\n    expect: fruit.apple-colour\n  - q: "plums?"\n    expect: fruit.plum\n');
    try {
      expect(() => readBatchTests(tests.folder, kb)).toThrow(KnowledgeError);
      try {
        readBatchTests(tests.folder, kb);
      } catch (error) {
        expect((error as KnowledgeError).problems.map((p) => `${p.line}: ${p.reason}`)).toEqual([
          '2: "what COLOUR are apples" is (but for case and punctuation) a question of "fruit.apple-colour": a batch test must use new phrasings',
          '4: "fruit.plum" is not the id of any entry',
        ]);
      }
    } finally {
      tests.cleanup();
    }
  });
});

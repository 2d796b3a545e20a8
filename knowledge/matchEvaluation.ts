import { readFileSync } from 'node:fs';
import path from 'node:path';
import testSchema from './content/tests/schema.json';
import { KnowledgeError, type KnowledgeProblem } from './errors';
import type { KnowledgeSearch, SearchOutcome } from './search';
import type { Audience, KnowledgeBase } from './types';
import { readCheckedYaml, yamlFilesIn } from './yamlFile';

/** One batch-test file of `tests/` in the knowledge folder: held-out questions with the entry each should get, or none. */
export interface BatchTestFile {
  file: string;
  thresholds: { inScopeAccuracy?: number; outOfScopeFallback?: number };
  inScope: { q: string; expect: string; audience?: Audience }[];
  outOfScope: string[];
}

/** How one question came out. */
export interface CaseResult {
  question: string;
  /** Expected entry id, or null for an out-of-scope question. */
  expected: string | null;
  outcome: SearchOutcome;
  /** The entry answered (answer) or offered first (clarify), if any. */
  got: string | null;
  /** The entries offered, for a clarify. */
  offered: string[];
  confidence: number;
  passed: boolean;
}

export interface FileResult {
  file: string;
  cases: CaseResult[];
  inScope: number;
  answeredRight: number;
  clarifiedWithRight: number;
  answeredWrong: number;
  outOfScope: number;
  fellBack: number;
  thresholds: BatchTestFile['thresholds'];
  /** Threshold names this file is below. */
  belowThresholds: string[];
}

/** A question as written, but for case and punctuation: how a copied test question is recognised. */
const literalForm = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Reads every `*.yaml` batch-test file of a folder (schema-checked, with file and line on errors); expected ids must exist. */
export function readBatchTests(folder: string, kb: KnowledgeBase): BatchTestFile[] {
  const problems: KnowledgeProblem[] = [];
  const files: BatchTestFile[] = [];
  const knownQuestions = new Map<string, string>();
  for (const entry of kb.entries) for (const q of entry.questions) knownQuestions.set(literalForm(q), entry.id);

  for (const file of yamlFilesIn(folder)) {
    const shown = path.relative(process.cwd(), file);
    const checked = readCheckedYaml<Partial<Omit<BatchTestFile, 'file'>>>(readFileSync(file, 'utf8'), shown, testSchema);
    if ('problems' in checked) {
      problems.push(...checked.problems);
      continue;
    }
    const data = { thresholds: checked.data.thresholds ?? {}, inScope: checked.data.inScope ?? [], outOfScope: checked.data.outOfScope ?? [] };
    data.inScope.forEach((item, i) => {
      const line = checked.lineOf(['inScope', i]);
      if (!kb.byId.has(item.expect)) problems.push({ file: shown, line, reason: `"${item.expect}" is not the id of any entry` });
      const copyOf = knownQuestions.get(literalForm(item.q));
      if (copyOf) problems.push({ file: shown, line, reason: `"${item.q}" is (but for case and punctuation) a question of "${copyOf}": a batch test must use new phrasings` });
    });
    files.push({ file: shown, ...data });
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return files;
}

/** Runs a file's questions through the search, as a fresh conversation of the given audience would. */
export function runBatchTest(search: KnowledgeSearch, test: BatchTestFile): FileResult {
  const cases: CaseResult[] = [];
  let answeredRight = 0;
  let clarifiedWithRight = 0;
  let answeredWrong = 0;
  let fellBack = 0;
  for (const { q, expect, audience } of test.inScope) {
    const result = search.search(q, audience);
    const ids = result.candidates.map((c) => c.entry.id);
    const passed = result.outcome === 'answer' && ids[0] === expect;
    if (passed) answeredRight++;
    else if (result.outcome === 'answer') answeredWrong++;
    else if (result.outcome === 'clarify' && ids.includes(expect)) clarifiedWithRight++;
    cases.push({ question: q, expected: expect, outcome: result.outcome, got: result.outcome === 'fallback' ? null : (ids[0] ?? null), offered: result.outcome === 'clarify' ? ids : [], confidence: result.candidates[0]?.confidence ?? 0, passed });
  }
  for (const q of test.outOfScope) {
    const result = search.search(q);
    const passed = result.outcome === 'fallback';
    if (passed) fellBack++;
    const ids = result.candidates.map((c) => c.entry.id);
    cases.push({ question: q, expected: null, outcome: result.outcome, got: passed ? null : (ids[0] ?? null), offered: result.outcome === 'clarify' ? ids : [], confidence: result.candidates[0]?.confidence ?? 0, passed });
  }
  const inScope = test.inScope.length;
  const outOfScope = test.outOfScope.length;
  const belowThresholds: string[] = [];
  const { inScopeAccuracy, outOfScopeFallback } = test.thresholds;
  if (inScopeAccuracy !== undefined && inScope > 0 && answeredRight / inScope < inScopeAccuracy) belowThresholds.push('inScopeAccuracy');
  if (outOfScopeFallback !== undefined && outOfScope > 0 && fellBack / outOfScope < outOfScopeFallback) belowThresholds.push('outOfScopeFallback');
  return { file: test.file, cases, inScope, answeredRight, clarifiedWithRight, answeredWrong, outOfScope, fellBack, thresholds: test.thresholds, belowThresholds };
}

const percent = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)} %` : '—');

function describeGot(c: CaseResult): string {
  if (c.outcome === 'fallback') return 'fallback';
  if (c.outcome === 'clarify') return `clarify [${c.offered.join(', ')}]`;
  return c.got ?? 'answer';
}

/** Which questions the report lists before the figures: the failures (default), every one, or none. */
export type ReportRows = 'failures' | 'all' | 'none';

/** The report: a table of the questions (failures first), then each file's figures and the totals. */
export function formatBatchReport(results: FileResult[], options: { rows?: ReportRows } = {}): string {
  const rows = options.rows === 'none' ? [] : results.flatMap((r) => r.cases.map((c) => ({ ...c, file: r.file })));
  const shown = rows.filter((c) => options.rows === 'all' || !c.passed).sort((a, b) => Number(a.passed) - Number(b.passed));
  const lines: string[] = [];
  if (shown.length > 0) {
    const expectedWidth = Math.max(8, ...shown.map((c) => (c.expected ?? 'fallback').length));
    const gotWidth = Math.max(3, ...shown.map((c) => describeGot(c).length));
    lines.push(`${'result'.padEnd(6)}  ${'conf'.padStart(5)}  ${'expected'.padEnd(expectedWidth)}  ${'got'.padEnd(gotWidth)}  question`);
    for (const c of shown) {
      lines.push(`${(c.passed ? 'ok' : 'FAIL').padEnd(6)}  ${c.confidence.toFixed(2).padStart(5)}  ${(c.expected ?? 'fallback').padEnd(expectedWidth)}  ${describeGot(c).padEnd(gotWidth)}  ${c.question}`);
    }
    lines.push('');
  }
  const fileWidth = Math.max(44, ...results.map((r) => r.file.length));
  lines.push(`${'file'.padEnd(fileWidth)} ${'in scope'.padStart(9)} ${'accuracy'.padStart(9)} ${'+clarify'.padStart(9)} ${'wrong'.padStart(6)} ${'out'.padStart(5)} ${'fallback'.padStart(9)}  status`);
  const total = { inScope: 0, right: 0, clarify: 0, wrong: 0, out: 0, fell: 0 };
  for (const r of results) {
    total.inScope += r.inScope;
    total.right += r.answeredRight;
    total.clarify += r.clarifiedWithRight;
    total.wrong += r.answeredWrong;
    total.out += r.outOfScope;
    total.fell += r.fellBack;
    const status = r.belowThresholds.length ? `BELOW ${r.belowThresholds.map((t) => `${t} ${String(r.thresholds[t as keyof typeof r.thresholds])}`).join(', ')}` : 'ok';
    lines.push(`${r.file.padEnd(fileWidth)} ${String(r.inScope).padStart(9)} ${percent(r.answeredRight, r.inScope).padStart(9)} ${percent(r.answeredRight + r.clarifiedWithRight, r.inScope).padStart(9)} ${String(r.answeredWrong).padStart(6)} ${String(r.outOfScope).padStart(5)} ${percent(r.fellBack, r.outOfScope).padStart(9)}  ${status}`);
  }
  lines.push(`${'all'.padEnd(fileWidth)} ${String(total.inScope).padStart(9)} ${percent(total.right, total.inScope).padStart(9)} ${percent(total.right + total.clarify, total.inScope).padStart(9)} ${String(total.wrong).padStart(6)} ${String(total.out).padStart(5)} ${percent(total.fell, total.out).padStart(9)}`);
  lines.push('', 'accuracy: answered outright with the expected entry; +clarify: or offered it in a "did you mean…?"; wrong: answered with another entry; fallback: out-of-scope questions refused honestly.');
  return lines.join('\n');
}

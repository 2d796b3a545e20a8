import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatBatchReport, readBatchTests, runBatchTest } from './matchEvaluation';
import { formatSafetyReport, readSafetyTests, runSafetyTest } from './safetyEvaluation';
import { KnowledgeSearch, type SearchSettings } from './search';
import type { KnowledgeBase } from './types';

const BLIND_HEADING = [
  'Blind check: phrasings written without seeing the search results, never used to tune entries or settings.',
  'Its questions are not listed (npm run kb:test -- --all lists them): fix what the tuning set above shows, then see whether this figure follows.',
];

export interface EvaluationRun {
  /** The report to print: the tuning set's failures (every row with `all`) and figures, the blind and safety figures. */
  report: string;
  /** The test files below their thresholds. */
  below: string[];
}

/**
 * Every test set of a knowledge folder's `tests/`: the tuning set (`tests/*.yaml`) through the search with the
 * bot's own settings, the blind set (`tests/blind/`, figures only) and the safety detection sets (`tests/safety/`,
 * recall and false alarms; held-out files figures only).
 */
export function evaluateKnowledgeBase(kb: KnowledgeBase, folder: string, settings: SearchSettings, options: { all: boolean }): EvaluationRun {
  const search = new KnowledgeSearch(kb, settings);
  const testsFolder = path.join(folder, 'tests');
  const run = (setFolder: string) => (existsSync(setFolder) ? readBatchTests(setFolder, kb).map((test) => runBatchTest(search, test)) : []);
  const tuning = run(testsFolder);
  const parts = [formatBatchReport(tuning, { rows: options.all ? 'all' : 'failures' })];
  const blind = run(path.join(testsFolder, 'blind'));
  if (blind.length > 0) parts.push(`\n${BLIND_HEADING.join('\n')}\n${formatBatchReport(blind, { rows: options.all ? 'all' : 'none' })}`);
  const safetyFolder = path.join(testsFolder, 'safety');
  const safety = existsSync(safetyFolder) ? readSafetyTests(safetyFolder).map((test) => runSafetyTest(kb.safety.lexicon, test)) : [];
  if (safety.length > 0) parts.push(`\nSafety detection (held-out files: figures only, -- --all lists them):\n${formatSafetyReport(safety, { all: options.all })}`);
  const below = [...tuning, ...blind, ...safety].filter((r) => r.belowThresholds.length > 0).map((r) => r.file);
  return { report: `${parts.join('\n')}\n`, below };
}

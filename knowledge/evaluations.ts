import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AskBot } from './evaluationCase';
import { formatMatchReport, readMatchTests, runMatchTest, type MatchFileResult } from './matchEvaluation';
import { formatSafetyReport, readSafetyTests, runSafetyTest, type SafetyFileResult } from './safetyEvaluation';
import type { KnowledgeBase } from './types';

const BLIND_HEADING = [
  'Blind check: phrasings written without seeing the entries or the search, never used to tune entries or settings.',
  'Its questions are not listed (npm run kb:test -- --all lists them): fix what the tuning set above shows, then see whether this figure follows.',
];

export interface EvaluationRun {
  /** The report to print: the tuning set's failures (every row with `all`) and figures, the blind and safety figures. */
  report: string;
  tuning: MatchFileResult[];
  blind: MatchFileResult[];
  safety: SafetyFileResult[];
  /** The test files below a goal that is not pending: these fail the run. */
  failing: string[];
}

/**
 * Every test set of a knowledge folder's `tests/`, each message put to the whole bot (`ask`, the turn the server
 * runs): the tuning set (`tests/*.yaml`, failures listed), the blind set (`tests/blind/`, figures only) and the
 * safety sets (`tests/safety/`; held-out files figures only), with figures per set and per area.
 */
export async function evaluateKnowledgeBase(kb: KnowledgeBase, folder: string, ask: AskBot, options: { all: boolean }): Promise<EvaluationRun> {
  const testsFolder = path.join(folder, 'tests');
  const runAll = async (setFolder: string) => {
    const results: MatchFileResult[] = [];
    if (existsSync(setFolder)) for (const test of readMatchTests(setFolder, kb)) results.push(await runMatchTest(ask, test));
    return results;
  };
  const tuning = await runAll(testsFolder);
  const parts = [formatMatchReport(tuning, { rows: options.all ? 'all' : 'failures', areas: true })];
  const blind = await runAll(path.join(testsFolder, 'blind'));
  if (blind.length > 0) parts.push(`\n${BLIND_HEADING.join('\n')}\n${formatMatchReport(blind, { rows: options.all ? 'all' : 'none', areas: true })}`);
  const safetyFolder = path.join(testsFolder, 'safety');
  const safety: SafetyFileResult[] = [];
  if (existsSync(safetyFolder)) for (const test of readSafetyTests(safetyFolder)) safety.push(await runSafetyTest(ask, test));
  if (safety.length > 0) parts.push(`\nSafety detection through the whole bot (held-out files: figures only, -- --all lists them):\n${formatSafetyReport(safety, { all: options.all })}`);
  const failing = [...tuning, ...blind, ...safety].filter((r) => r.status.fails).map((r) => r.file);
  return { report: `${parts.join('\n')}\n`, tuning, blind, safety, failing };
}

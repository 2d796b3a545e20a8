import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatBatchReport, readBatchTests, runBatchTest } from '../matchEvaluation';
import { formatProblem, KnowledgeError } from '../errors';
import { DEFAULT_KNOWLEDGE_FOLDER, loadKnowledgeBase } from '../load';
import { DEFAULT_SEARCH_SETTINGS, KnowledgeSearch } from '../search';
import { formatSafetyReport, readSafetyTests, runSafetyTest } from '../safetyEvaluation';

const BLIND_HEADING = [
  'Blind check: phrasings written without seeing the search results, never used to tune entries or settings.',
  'Its questions are not listed (npm run kb:test -- --all lists them): fix what the tuning set above shows, then see whether this figure follows.',
];

/**
 * `npm run kb:test [-- --all]`: the batch test. Runs every question of knowledge/content/tests/*.yaml (the tuning
 * set) through the search and prints failures first (every row with --all) and the figures; then the blind check of
 * knowledge/content/tests/blind/*.yaml, figures only; then the safety detection sets of
 * knowledge/content/tests/safety/ (recall and false alarms; held-out files figures only). Exits 1 when any file is
 * below its thresholds.
 */
function main(): number {
  const folder = DEFAULT_KNOWLEDGE_FOLDER;
  const all = process.argv.includes('--all');
  try {
    const kb = loadKnowledgeBase(folder);
    const search = new KnowledgeSearch(kb, DEFAULT_SEARCH_SETTINGS);
    const run = (testsFolder: string) => readBatchTests(testsFolder, kb).map((test) => runBatchTest(search, test));
    const results = run(path.join(folder, 'tests'));
    process.stdout.write(`${formatBatchReport(results, { rows: all ? 'all' : 'failures' })}\n`);
    const blindFolder = path.join(folder, 'tests', 'blind');
    const blind = existsSync(blindFolder) ? run(blindFolder) : [];
    if (blind.length > 0) process.stdout.write(`\n${BLIND_HEADING.join('\n')}\n${formatBatchReport(blind, { rows: all ? 'all' : 'none' })}\n`);
    const safetyFolder = path.join(folder, 'tests', 'safety');
    const safety = existsSync(safetyFolder) ? readSafetyTests(safetyFolder).map((test) => runSafetyTest(kb.safety.lexicon, test)) : [];
    if (safety.length > 0) process.stdout.write(`\nSafety detection (held-out files: figures only, -- --all lists them):\n${formatSafetyReport(safety, { all })}\n`);
    const below = [...results, ...blind, ...safety].filter((r) => r.belowThresholds.length > 0);
    if (below.length > 0) process.stderr.write(`\nkb:test: ${below.length} file(s) below their thresholds: ${below.map((r) => r.file).join(', ')}\n`);
    return below.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`${error.problems.map(formatProblem).join('\n')}\n`);
    return 1;
  }
}

process.exitCode = main();

import path from 'node:path';
import { formatBatchReport, readBatchTests, runBatchTest } from '../batchTest';
import { formatProblem, KnowledgeError } from '../errors';
import { loadKnowledgeBase } from '../load';
import { DEFAULT_SEARCH_SETTINGS, KnowledgeSearch } from '../search';

/**
 * `npm run kb:test [-- --all]`: the batch test. Runs every question of knowledge/tests/*.yaml through the search,
 * prints failures first (or every row with --all) and the figures, and exits 1 when a file is below its thresholds.
 */
function main(): number {
  const folder = path.join(__dirname, '..');
  try {
    const kb = loadKnowledgeBase(folder);
    const search = new KnowledgeSearch(kb, DEFAULT_SEARCH_SETTINGS);
    const results = readBatchTests(path.join(folder, 'tests'), kb).map((test) => runBatchTest(search, test));
    process.stdout.write(`${formatBatchReport(results, { all: process.argv.includes('--all') })}\n`);
    const below = results.filter((r) => r.belowThresholds.length > 0);
    if (below.length > 0) process.stderr.write(`\nkb:test: ${below.length} file(s) below their thresholds: ${below.map((r) => r.file).join(', ')}\n`);
    return below.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`${error.problems.map(formatProblem).join('\n')}\n`);
    return 1;
  }
}

process.exitCode = main();

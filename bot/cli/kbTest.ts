import { evaluateKnowledgeBase } from '../../knowledge/evaluations';
import { loadKnowledgeBase } from '../../knowledge/load';
import { loadConfig } from '../config';
import { parseCommand, runCommand } from './command';

const USAGE = `Usage: npm run kb:test [-- --all]
  The batch test of the knowledge base (KB_DIR, default knowledge/content/), with the bot's own settings (.env,
  ANSWER_THRESHOLD…): every question of tests/*.yaml (the tuning set), failures first (--all: every row) and the
  figures; the blind set tests/blind/ (figures only); the safety detection sets tests/safety/ (recall, false alarms).
  Exit status: 0 every file at or above its thresholds, 1 otherwise, 2 bad usage.
`;

function main(argv: string[]): number {
  const args = parseCommand('kb:test', USAGE, argv, { all: { type: 'boolean' } });
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const { report, below } = evaluateKnowledgeBase(loadKnowledgeBase(config.knowledgeFolder), config.knowledgeFolder, config.search, { all: args.values.all === true });
  process.stdout.write(report);
  if (below.length > 0) process.stderr.write(`\nkb:test: ${below.length} file(s) below their thresholds: ${below.join(', ')}\n`);
  return below.length > 0 ? 1 : 0;
}

runCommand(() => main(process.argv.slice(2)));

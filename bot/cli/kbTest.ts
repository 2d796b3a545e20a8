import { evaluateKnowledgeBase } from '../../knowledge/evaluations';
import { KnowledgeStore } from '../../knowledge/store';
import { askBotFor } from '../ask';
import { loadConfig } from '../config';
import { parseCommand, runCommand } from './command';

const USAGE = `Usage: npm run kb:test [-- --all]
  Every test set of the knowledge base (KB_DIR, default knowledge/content/), each message put to the whole bot with
  the bot's own configuration (.env, thresholds), as \`ask --jsonl\` would: the tuning set tests/*.yaml (failures
  listed; --all: every row), the blind set tests/blind/ (figures only), the safety sets tests/safety/. Figures per
  set and per area. Exit status: 0 every set at its goal (or short of a goal marked pending), 1 otherwise, 2 bad usage.
`;

async function main(argv: string[]): Promise<number> {
  const args = parseCommand('kb:test', USAGE, argv, { all: { type: 'boolean' } });
  if (typeof args === 'number') return args;
  const config = { ...loadConfig(), logLevel: 'silent' as const };
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  store.reload();
  const kb = store.snapshot()?.kb;
  if (!kb) throw new Error(`no knowledge base loaded from ${config.knowledgeFolder}`);
  const { report, failing } = await evaluateKnowledgeBase(kb, config.knowledgeFolder, askBotFor(config, store), { all: args.values.all === true });
  process.stdout.write(report);
  if (failing.length > 0) process.stderr.write(`\nkb:test: ${failing.length} set(s) below their goal: ${failing.join(', ')}\n`);
  return failing.length > 0 ? 1 : 0;
}

runCommand(() => main(process.argv.slice(2)));

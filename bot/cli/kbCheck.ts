import path from 'node:path';
import { formatProblem, KnowledgeError } from '../../knowledge/errors';
import { loadKnowledgeBase } from '../../knowledge/load';
import { testSetProblems } from '../../knowledge/nearCopies';
import { knowledgeOverview } from '../../knowledge/overview';
import { loadConfig } from '../config';
import { parseCommand, runCommand, usageError } from './command';

const USAGE = `Usage: npm run kb:check [-- FOLDER]
  Validates the knowledge base (KB_DIR, default knowledge/content/; or FOLDER) against its schemas and rules, and
  its test sets: no blind or held-out case may be a near-copy of a tuning case, an entry's question or a safety
  lexicon pattern (80 % of its words shared, once read as the bot reads it). Prints entries per area and audience. Exit status: 0 valid, 1 problems (each with file and line), 2 bad usage.
`;

function main(argv: string[]): number {
  const args = parseCommand('kb:check', USAGE, argv, {});
  if (typeof args === 'number') return args;
  if (args.positionals.length > 1) return usageError('kb:check', USAGE, `one folder at a time (got ${args.positionals.join(', ')})`);
  const folder = args.positionals[0] === undefined ? loadConfig().knowledgeFolder : path.resolve(args.positionals[0]);
  try {
    const kb = loadKnowledgeBase(folder);
    // Blind and held-out sets must stay apart from what the bot was shaped on.
    const apart = testSetProblems(kb, folder);
    if (apart.length > 0) throw new KnowledgeError(apart);
    process.stdout.write(knowledgeOverview(kb, folder));
    return 0;
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    process.stderr.write(`Knowledge base has ${error.problems.length} problem(s):\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return 1;
  }
}

runCommand(() => main(process.argv.slice(2)));

import { parseCommand, runCommand } from './command';
import { PROJECT_ROOT } from '../config';
import { parseSince } from '../insights/report';
import { suggest, suggestionsText } from '../insights/suggest';
import { explainInsightsError, withInsights } from './withInsights';

const USAGE = `Usage: npm run kb:suggest -- [--since 30d] [--db FILE]
  Proposes alternate questions (YAML lines to paste) for entries close to what people asked and the bot could
  not answer, and lists topics that need a new entry. Nothing is edited.
`;

async function main(argv: string[]): Promise<number> {
  const args = parseCommand('kb:suggest', USAGE, argv, { since: { type: 'string' }, db: { type: 'string' } });
  if (typeof args === 'number') return args;
  const since = parseSince(typeof args.values.since === 'string' ? args.values.since : '30d');
  return withInsights(args.values.db, async ({ database, kb }) => {
    process.stdout.write(suggestionsText(suggest((await database.readSince(since)).misses, kb, PROJECT_ROOT)));
    return 0;
  });
}

runCommand(() => main(process.argv.slice(2)), explainInsightsError);

import { writeFileSync } from 'node:fs';
import { parseCommand, runCommand } from './command';
import { buildReport, parseSince } from '../insights/report';
import { reportHtml, reportText } from '../insights/reportPages';
import { explainInsightsError, withInsights } from './withInsights';

const USAGE = `Usage: npm run report -- [--since 7d] [--html FILE] [--db FILE]
  --since   the period: 7d, 24h, 30m, or a date such as 2026-11-01 (default 7d)
  --html    also write the report as a self-contained web page (charts included, nothing fetched)
  --db      the organisers' SQLite file (default: PostgreSQL when DATABASE_URL is set, else DATABASE_FILE,
            data/cop-guide-bot.sqlite)
`;

async function main(argv: string[]): Promise<number> {
  const args = parseCommand('report', USAGE, argv, { since: { type: 'string' }, html: { type: 'string' }, db: { type: 'string' } });
  if (typeof args === 'number') return args;
  const since = parseSince(typeof args.values.since === 'string' ? args.values.since : '7d');
  const html = args.values.html;
  return withInsights(args.values.db, async ({ database, kb }) => {
    const report = buildReport(await database.readSince(since), kb, since);
    process.stdout.write(reportText(report, { neverHitLimit: 30 }));
    if (typeof html === 'string') {
      writeFileSync(html, reportHtml(report));
      process.stdout.write(`\nWrote ${html}\n`);
    }
    return 0;
  });
}

runCommand(() => main(process.argv.slice(2)), explainInsightsError);

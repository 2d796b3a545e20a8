import { loadKnowledgeBase } from '../../knowledge/load';
import { parseCommand, runCommand } from './command';
import { personalDataFinderFor } from '../../dialogs/personalData';
import { measure, readLabelledSet, type SetFigures } from '../../dialogs/personalDataEvaluation';
import { loadConfig } from '../config';

const USAGE = `Usage: npm run privacy:test -- [--all]
  Measures what the bot would store of the labelled messages in test/data/personal-data/: how many have every
  piece of personal data removed, and how many without any are left as sent. The tuning set must reach its goal
  (exit 1 otherwise); the blind set prints figures only (--all lists its misses too: look, then replace the set).
`;

/** The tuning set's goal: every labelled piece out of 95 % of messages, no message without personal data changed. */
const GOAL = { fullyRemoved: 0.95, untouched: 1 };

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

function line(name: string, f: SetFigures): string {
  return `${name.padEnd(7)} personal data removed from ${f.fullyRemoved}/${f.withPersonal} messages (${percent(f.fullyRemoved, f.withPersonal)}), ${f.leaks.length} pieces kept; ` +
    `${f.untouched}/${f.withoutPersonal} messages without personal data left as sent (${percent(f.untouched, f.withoutPersonal)}); ${f.lost.length} words that had to stay were lost`;
}

function main(argv: string[]): number {
  const args = parseCommand('privacy:test', USAGE, argv, { all: { type: 'boolean' } });
  if (typeof args === 'number') return args;
  const finder = personalDataFinderFor(loadKnowledgeBase(loadConfig().knowledgeFolder));
  const tuning = measure(readLabelledSet('tuning'), finder);
  const blind = measure(readLabelledSet('blind'), finder);
  process.stdout.write(`${line('tuning', tuning)}\n${line('blind', blind)}\n`);
  if (args.values.all) for (const leak of blind.leaks) process.stdout.write(`  blind, kept: "${leak.piece}" in: ${leak.text}\n`);
  const met = tuning.fullyRemoved / tuning.withPersonal >= GOAL.fullyRemoved && tuning.untouched / tuning.withoutPersonal >= GOAL.untouched && tuning.lost.length === 0;
  if (!met) process.stdout.write(`The tuning set is below its goal (${percent(GOAL.fullyRemoved, 1)} removed, every clean message left as sent).\n`);
  return met ? 0 : 1;
}

runCommand(() => main(process.argv.slice(2)));

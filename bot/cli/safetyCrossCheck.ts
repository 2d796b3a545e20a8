import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadKnowledgeBase } from '../../knowledge/load';
import { crossCheck, type SafetyFold } from '../../knowledge/safetyCrossCheck';
import { DEFAULT_SAFETY_SETTINGS, type SafetySettings } from '../../knowledge/safetyModel';
import type { SafetyCategory } from '../../knowledge/safety';
import { loadConfig } from '../config';
import { parseCommand, runCommand, usageError } from './command';

const USAGE = `Usage: npm run safety:cross-check [-- --disclosure 0.5,0.6 --sentence 0.6 --sentence-whole 0.05 --check-in 0.5 --topic-check-in 0.7 --overrule 0.995 --hedged-overrule 0.9 --list]
  How the safety settings were chosen: each retired blind set of the safety corpus (KB_DIR's
  safety-training/retired-blind-*.yaml, each written by helpers who never saw the corpus or the lexicon) is left out
  of the classifier's training in turn and read by the model trained on the rest. Prints recall and false alarms
  over all of them for every combination of the settings given (comma-separated; each defaults to the shipped
  value); --list also prints every missed disclosure and false alarm. Exit status: 0, or 2 on bad usage.
`;

/** The command's options, by the setting each one sets. */
const GRID: Record<string, keyof SafetySettings> = { disclosure: 'disclosureAt', sentence: 'sentenceDisclosureAt', 'sentence-whole': 'sentenceNeedsWholeAt', 'check-in': 'checkInAt', 'topic-check-in': 'topicCheckInAt', overrule: 'findingOverruledAt', 'hedged-overrule': 'hedgedFindingOverruledAt' };

/** The retired blind sets of a knowledge folder, one fold each. */
function retiredBlindSets(knowledgeFolder: string): SafetyFold[] {
  const folder = path.join(knowledgeFolder, 'safety-training');
  return readdirSync(folder)
    .filter((name) => /^retired-blind-.*\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      // Already checked against its schema by loadKnowledgeBase.
      const data = parse(readFileSync(path.join(folder, name), 'utf8')) as { disclosures?: Partial<Record<SafetyCategory, string[]>>; ordinary?: string[] };
      const disclosures = (Object.entries(data.disclosures ?? {}) as [SafetyCategory, string[]][]).flatMap(([category, texts]) => texts.map((text) => ({ text: text.trim(), category })));
      return { name, disclosures, ordinary: (data.ordinary ?? []).map((text) => text.trim()) };
    });
}

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`;

function main(argv: string[]): number {
  const options = Object.fromEntries([...Object.keys(GRID).map((name) => [name, { type: 'string' as const }]), ['list', { type: 'boolean' as const }]]);
  const args = parseCommand('safety:cross-check', USAGE, argv, options);
  if (typeof args === 'number') return args;
  let settingsList: SafetySettings[] = [DEFAULT_SAFETY_SETTINGS];
  for (const [option, key] of Object.entries(GRID)) {
    const given = args.values[option];
    if (typeof given !== 'string') continue;
    const values = given.split(',').map(Number);
    if (values.some((value) => !Number.isFinite(value) || value < 0 || value > 1)) return usageError('safety:cross-check', USAGE, `--${option} takes numbers from 0 to 1, comma-separated`);
    settingsList = settingsList.flatMap((settings) => values.map((value) => ({ ...settings, [key]: value })));
  }
  const { knowledgeFolder } = loadConfig();
  const kb = loadKnowledgeBase(knowledgeFolder);
  const folds = retiredBlindSets(knowledgeFolder);
  if (folds.length === 0) return usageError('safety:cross-check', USAGE, `no safety-training/retired-blind-*.yaml in ${knowledgeFolder}`);
  process.stdout.write(`${folds.length} folds: ${folds.map((fold) => fold.name).join(', ')}\n\n`);
  for (const result of crossCheck(kb, folds, settingsList)) {
    const { settings } = result;
    const named = Object.entries(GRID).map(([option, key]) => `--${option} ${settings[key]}`).join(' ');
    process.stdout.write(
      `${named}: recall ${percent(result.caught, result.disclosures)} (${result.disclosures - result.caught} of ${result.disclosures} missed), false alarms ${percent(result.alarmed, result.ordinary)} (${result.alarmed} of ${result.ordinary})\n`,
    );
    if (args.values.list === true) {
      for (const { fold, text, label } of result.missed) process.stdout.write(`  MISSED (${label}) ${fold}: ${text}\n`);
      for (const { fold, text, label } of result.alarms) process.stdout.write(`  FALSE ALARM (${label}) ${fold}: ${text}\n`);
    }
  }
  return 0;
}

runCommand(() => main(process.argv.slice(2)));

import { readFileSync } from 'node:fs';
import path from 'node:path';
import testSchema from './content/tests/safety/schema.json';
import { KnowledgeError, type KnowledgeProblem } from './errors';
import { detectDisclosure, type SafetyCategory, type SafetyLexicon } from './safety';
import { readCheckedYaml, yamlFilesIn } from './yamlFile';

/** One file of tests/safety/ in the knowledge folder: disclosures that must get the safety answer, ordinary messages that must not. */
export interface SafetyTestFile {
  file: string;
  holdout: boolean;
  thresholds: { recall?: number; falseAlarms?: number };
  disclosures: { text: string; category: SafetyCategory; voice?: string }[];
  ordinary: string[];
}

export interface SafetyTestResult {
  file: string;
  holdout: boolean;
  disclosures: number;
  caught: number;
  /** Disclosures caught under another category (still a safety answer, with other advice). */
  otherCategory: number;
  ordinary: number;
  falseAlarms: number;
  missed: string[];
  alarmed: string[];
  belowThresholds: string[];
}

export function readSafetyTests(folder: string): SafetyTestFile[] {
  const problems: KnowledgeProblem[] = [];
  const files: SafetyTestFile[] = [];
  for (const file of yamlFilesIn(folder)) {
    const shown = path.relative(process.cwd(), file);
    const checked = readCheckedYaml<Omit<SafetyTestFile, 'file'>>(readFileSync(file, 'utf8'), shown, testSchema);
    if ('problems' in checked) problems.push(...checked.problems);
    else files.push({ file: shown, holdout: checked.data.holdout ?? false, thresholds: checked.data.thresholds ?? {}, disclosures: checked.data.disclosures, ordinary: checked.data.ordinary });
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return files;
}

export function runSafetyTest(lexicon: SafetyLexicon, test: SafetyTestFile): SafetyTestResult {
  const missed: string[] = [];
  let otherCategory = 0;
  for (const { text, category } of test.disclosures) {
    const finding = detectDisclosure(text, lexicon);
    if (!finding) missed.push(text);
    else if (finding.category !== category) otherCategory++;
  }
  const alarmed = test.ordinary.filter((text) => detectDisclosure(text, lexicon) !== undefined);
  const caught = test.disclosures.length - missed.length;
  const belowThresholds: string[] = [];
  const { recall, falseAlarms } = test.thresholds;
  if (recall !== undefined && test.disclosures.length > 0 && caught / test.disclosures.length < recall) belowThresholds.push(`recall ${recall}`);
  if (falseAlarms !== undefined && test.ordinary.length > 0 && alarmed.length / test.ordinary.length > falseAlarms) belowThresholds.push(`falseAlarms ${falseAlarms}`);
  return { file: test.file, holdout: test.holdout, disclosures: test.disclosures.length, caught, otherCategory, ordinary: test.ordinary.length, falseAlarms: alarmed.length, missed, alarmed, belowThresholds };
}

const percent = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)} %` : '—');

/** Missed disclosures and false alarms (not for a held-out file unless `all`), then recall and false-alarm rate per file. */
export function formatSafetyReport(results: SafetyTestResult[], options: { all?: boolean } = {}): string {
  const lines: string[] = [];
  for (const r of results.filter((result) => options.all || !result.holdout)) {
    for (const text of r.missed) lines.push(`MISSED       ${text}`);
    for (const text of r.alarmed) lines.push(`FALSE ALARM  ${text}`);
  }
  if (lines.length > 0) lines.push('');
  const label = (r: SafetyTestResult) => `${r.file}${r.holdout ? ' (held out)' : ''}`;
  const fileWidth = Math.max(44, ...results.map((r) => label(r).length));
  lines.push(`${'safety set'.padEnd(fileWidth)} ${'disclosures'.padStart(11)} ${'recall'.padStart(8)} ${'ordinary'.padStart(9)} ${'false alarms'.padStart(13)}  status`);
  for (const r of results) {
    const status = r.belowThresholds.length > 0 ? `BELOW ${r.belowThresholds.join(', ')}` : 'ok';
    lines.push(`${label(r).padEnd(fileWidth)} ${String(r.disclosures).padStart(11)} ${percent(r.caught, r.disclosures).padStart(8)} ${String(r.ordinary).padStart(9)} ${percent(r.falseAlarms, r.ordinary).padStart(13)}  ${status}`);
  }
  lines.push('', 'recall: disclosures that get the safety answer; false alarms: ordinary messages that get it instead of their answer.');
  return lines.join('\n');
}

import testSchema from './content/tests/safety/schema.json';
import { checkGoals, goalStatus, rateText, share, type AskBot, type AskedCase, type BotVerdict, type GoalCheck } from './evaluationCase';
import type { SafetyCategory } from './safety';
import type { Audience } from './types';
import { readCheckedFolder } from './yamlFile';

type Voice = 'child' | 'teen' | 'parent' | 'teacher';

/** A message of a safety set: a disclosure of a category (it must get the safety answer), or an ordinary one (it must not). */
export interface SafetyCase extends AskedCase {
  category: SafetyCategory | null;
  line: number;
}

/** One file of tests/safety/ in the knowledge folder. */
export interface SafetyTestFile {
  file: string;
  holdout: boolean;
  goal: Record<string, number>;
  pending?: string;
  provenance?: string;
  cases: SafetyCase[];
}

export interface SafetyCaseResult {
  case: SafetyCase;
  bot: BotVerdict;
  passed: boolean;
}

export interface SafetyFigures {
  disclosures: number;
  caught: number;
  /** Caught under another category: still the safety answer, with other advice. */
  otherCategory: number;
  /** Caught by the gentle check-in (`safety.check-in`), not the full safety answer. */
  checkIns: number;
  ordinary: number;
  falseAlarms: number;
}

export interface SafetyFileResult {
  file: string;
  holdout: boolean;
  cases: SafetyCaseResult[];
  figures: SafetyFigures;
  checks: GoalCheck[];
  status: { text: string; fails: boolean };
}

/** The outcome id of the gentle check-in for a possible concern (the ask contract of DESIGN.md). */
const CHECK_IN = 'safety.check-in';

/** Who the writer said is speaking, as the bot would know them: children and teens are children, the others parents or educators. */
const AUDIENCE_OF_VOICE: Record<Voice, Audience> = { child: 'children', teen: 'children', parent: 'parents-educators', teacher: 'parents-educators' };

interface RawFile {
  holdout?: boolean;
  goal?: Record<string, number>;
  pending?: string;
  provenance?: string;
  disclosures: { text: string; category: SafetyCategory; voice?: Voice }[];
  ordinary: string[];
}

/** Reads every `*.yaml` safety set of a folder (schema-checked, with file and line on errors). */
export function readSafetyTests(folder: string): SafetyTestFile[] {
  return readCheckedFolder<RawFile, SafetyTestFile>(folder, testSchema, ({ data, lineOf }, file) => ({
    file,
    holdout: data.holdout ?? false,
    goal: data.goal ?? {},
    pending: data.pending,
    provenance: data.provenance,
    cases: [
      ...data.disclosures.map(({ text, category, voice }, i) => ({ text, category, line: lineOf(['disclosures', i]), ...(voice ? { audience: AUDIENCE_OF_VOICE[voice] } : {}) })),
      ...data.ordinary.map((text, i) => ({ text, category: null, line: lineOf(['ordinary', i]) })),
    ],
  }));
}

/** The figures a goal can name. */
export function safetyRates(f: SafetyFigures): Record<string, number | undefined> {
  return { recall: share(f.caught, f.disclosures), falseAlarmsAtMost: share(f.falseAlarms, f.ordinary) };
}

/** Puts every message of a safety set to the bot, one fresh conversation each, and checks the file's goal. */
export async function runSafetyTest(ask: AskBot, test: SafetyTestFile): Promise<SafetyFileResult> {
  const cases: SafetyCaseResult[] = [];
  const figures: SafetyFigures = { disclosures: 0, caught: 0, otherCategory: 0, checkIns: 0, ordinary: 0, falseAlarms: 0 };
  for (const asked of test.cases) {
    const bot = await ask({ text: asked.text, audience: asked.audience, age: asked.age, locale: asked.locale });
    const safety = bot.kind === 'safety';
    if (asked.category === null) {
      figures.ordinary++;
      if (safety) figures.falseAlarms++;
    } else {
      figures.disclosures++;
      if (safety) figures.caught++;
      if (safety && bot.id === CHECK_IN) figures.checkIns++;
      else if (safety && bot.id !== `safety.${asked.category}`) figures.otherCategory++;
    }
    cases.push({ case: asked, bot, passed: safety === (asked.category !== null) });
  }
  const checks = checkGoals(test.goal, safetyRates(figures));
  return { file: test.file, holdout: test.holdout, cases, figures, checks, status: goalStatus(checks, test.pending) };
}

/** Missed disclosures and false alarms (not for a held-out file unless `all`), then recall and false alarms per file. */
export function formatSafetyReport(results: SafetyFileResult[], options: { all?: boolean } = {}): string {
  const lines: string[] = [];
  for (const r of results.filter((result) => options.all || !result.holdout)) {
    for (const c of r.cases.filter((x) => !x.passed)) lines.push(`${c.case.category === null ? `FALSE ALARM (${c.bot.id ?? ''})` : `MISSED (${c.case.category})`}  ${c.case.text}`);
  }
  if (lines.length > 0) lines.push('');
  const label = (r: SafetyFileResult) => `${r.file}${r.holdout ? ' (held out)' : ''}`;
  const width = Math.max(44, ...results.map((r) => label(r).length));
  lines.push(`${'safety set'.padEnd(width)} ${'disclosures'.padStart(11)} ${'recall'.padStart(8)} ${'other cat.'.padStart(10)} ${'check-in'.padStart(9)} ${'ordinary'.padStart(9)} ${'false alarms'.padStart(13)}  status`);
  for (const r of results) {
    const f = r.figures;
    lines.push(`${label(r).padEnd(width)} ${String(f.disclosures).padStart(11)} ${rateText(f.caught, f.disclosures).padStart(8)} ${String(f.otherCategory).padStart(10)} ${String(f.checkIns).padStart(9)} ${String(f.ordinary).padStart(9)} ${rateText(f.falseAlarms, f.ordinary).padStart(13)}  ${r.status.text}`);
  }
  lines.push('', 'recall: disclosures that get the safety answer or the check-in (other cat.: the safety answer of another category; check-in: the gentle check-in only); false alarms: ordinary messages that get either.');
  return lines.join('\n');
}

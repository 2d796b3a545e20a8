import testSchema from './content/tests/schema.json';
import { checkGoals, goalStatus, rateText, share, type AskBot, type AskedCase, type BotVerdict, type GoalCheck } from './evaluationCase';
import type { Audience, KnowledgeBase } from './types';
import { readCheckedFolder } from './yamlFile';

/** A question of a match test set, with the entry it should get (none for an out-of-scope one) and its line. */
export interface MatchCase extends AskedCase {
  expect: string | null;
  /** Other entries that answer it as well (`alsoRight`): answering or offering first one of them is right too. */
  alsoRight?: string[];
  line: number;
}

/** One file of `tests/` (or `tests/blind/`) in the knowledge folder. */
export interface MatchTestFile {
  file: string;
  goal: Record<string, number>;
  pending?: string;
  /** Who wrote the set, from what: required of a blind set. */
  provenance?: string;
  cases: MatchCase[];
}

/** How the bot did with a question. */
export type MatchVerdict = 'right' | 'offered-first' | 'offered' | 'other-offered' | 'wrong' | 'refused' | 'safety';

export interface MatchCaseResult {
  case: MatchCase;
  bot: BotVerdict;
  verdict: MatchVerdict;
  passed: boolean;
}

export interface MatchFigures {
  inScope: number;
  right: number;
  offeredFirst: number;
  wrong: number;
  refused: number;
  safety: number;
  /** Questions that got the gentle check-in before their reply (counted by that reply). */
  checkIns: number;
  outOfScope: number;
  outRefused: number;
  pii: number;
}

export interface MatchFileResult {
  file: string;
  cases: MatchCaseResult[];
  figures: MatchFigures;
  /** In-scope figures per area (the part of the expected id before the dot). */
  areas: Map<string, MatchFigures>;
  checks: GoalCheck[];
  status: { text: string; fails: boolean };
}

/** A question as written, but for case and punctuation: how a copied test question is recognised. */
const literalForm = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

interface RawFile {
  goal?: Record<string, number>;
  pending?: string;
  provenance?: string;
  inScope?: { q: string; expect: string; alsoRight?: string[]; audience?: Audience; age?: number; locale?: string }[];
  outOfScope?: string[];
}

/** Reads every `*.yaml` match test file of a folder (schema-checked, with file and line on errors); expected ids must exist. */
export function readMatchTests(folder: string, kb: KnowledgeBase): MatchTestFile[] {
  const knownQuestions = new Map<string, string>();
  for (const entry of kb.entries) for (const q of entry.questions) knownQuestions.set(literalForm(q), entry.id);
  return readCheckedFolder<RawFile, MatchTestFile>(folder, testSchema, ({ data, lineOf }, file, problems) => {
    const cases: MatchCase[] = [];
    (data.inScope ?? []).forEach(({ q, expect, ...asked }, i) => {
      const line = lineOf(['inScope', i]);
      for (const id of [expect, ...(asked.alsoRight ?? [])]) if (!kb.byId.has(id)) problems.push({ file, line, reason: `"${id}" is not the id of any entry` });
      const copyOf = knownQuestions.get(literalForm(q));
      if (copyOf) problems.push({ file, line, reason: `"${q}" is (but for case and punctuation) a question of "${copyOf}": a test must use new phrasings` });
      cases.push({ text: q, expect, line, ...asked });
    });
    (data.outOfScope ?? []).forEach((q, i) => cases.push({ text: q, expect: null, line: lineOf(['outOfScope', i]) }));
    return { file, goal: data.goal ?? {}, pending: data.pending, provenance: data.provenance, cases };
  });
}

/** How the bot did: a check-in before the reply counts by that reply (the question was still answered). */
function verdictOf({ expect, alsoRight = [] }: MatchCase, given: BotVerdict): MatchVerdict {
  const bot = given.underCheckIn ? { ...given, ...given.underCheckIn } : given;
  if (bot.kind === 'safety') return 'safety';
  if (bot.kind === 'fallback') return 'refused';
  const right = (id: string | null | undefined) => expect !== null && id != null && (id === expect || alsoRight.includes(id));
  if (bot.kind === 'answer') return right(bot.id) ? 'right' : 'wrong';
  if (right(bot.offered[0])) return 'offered-first';
  return bot.offered.some(right) ? 'offered' : 'other-offered';
}

const emptyFigures = (): MatchFigures => ({ inScope: 0, right: 0, offeredFirst: 0, wrong: 0, refused: 0, safety: 0, checkIns: 0, outOfScope: 0, outRefused: 0, pii: 0 });

function count(figures: MatchFigures, result: MatchCaseResult): void {
  if (result.bot.pii) figures.pii++;
  if (result.bot.underCheckIn) figures.checkIns++;
  if (result.case.expect === null) {
    figures.outOfScope++;
    if (result.verdict === 'refused') figures.outRefused++;
    return;
  }
  figures.inScope++;
  if (result.verdict === 'right') figures.right++;
  else if (result.verdict === 'offered-first') figures.offeredFirst++;
  else if (result.verdict === 'wrong') figures.wrong++;
  else if (result.verdict === 'refused') figures.refused++;
  else if (result.verdict === 'safety') figures.safety++;
}

/** The figures a goal can name. */
export function matchRates(f: MatchFigures): Record<string, number | undefined> {
  return {
    answeredRight: share(f.right, f.inScope),
    rightOrFirstOffered: share(f.right + f.offeredFirst, f.inScope),
    wrongAtMost: share(f.wrong, f.inScope),
    safetyAtMost: share(f.safety, f.inScope + f.outOfScope),
    outOfScopeRefused: share(f.outRefused, f.outOfScope),
  };
}

/** Puts every question of a file to the bot, one fresh conversation each, and checks the file's goal. */
export async function runMatchTest(ask: AskBot, test: MatchTestFile): Promise<MatchFileResult> {
  const cases: MatchCaseResult[] = [];
  const figures = emptyFigures();
  const areas = new Map<string, MatchFigures>();
  for (const asked of test.cases) {
    const { expect, text, audience, age, locale } = asked;
    const bot = await ask({ text, audience, age, locale });
    const verdict = verdictOf(asked, bot);
    const result = { case: asked, bot, verdict, passed: expect === null ? verdict === 'refused' : verdict === 'right' };
    cases.push(result);
    count(figures, result);
    if (expect !== null) {
      const area = expect.split('.')[0];
      const areaFigures = areas.get(area) ?? emptyFigures();
      count(areaFigures, result);
      areas.set(area, areaFigures);
    }
  }
  const checks = checkGoals(test.goal, matchRates(figures));
  return { file: test.file, cases, figures, areas, checks, status: goalStatus(checks, test.pending) };
}

/** The sum of several files' figures. */
export function totalOf(results: { figures: MatchFigures }[]): MatchFigures {
  const total = emptyFigures();
  for (const { figures } of results) for (const key of Object.keys(total) as (keyof MatchFigures)[]) total[key] += figures[key];
  return total;
}

function describeGot(r: MatchCaseResult): string {
  const under = r.bot.underCheckIn;
  if (under) return `check-in, then ${describeGot({ ...r, bot: { ...r.bot, ...under, underCheckIn: undefined } })}`;
  if (r.bot.kind === 'clarify') return `clarify [${r.bot.offered.join(', ')}]`;
  if (r.bot.kind === 'answer' || r.bot.kind === 'safety') return r.bot.id ?? r.bot.kind;
  return 'fallback';
}

/** Which questions the report lists before the figures: the failures (default), every one, or none. */
export type ReportRows = 'failures' | 'all' | 'none';

function figuresLine(name: string, f: MatchFigures, width: number, status = ''): string {
  const cells = [
    String(f.inScope).padStart(8),
    rateText(f.right, f.inScope).padStart(8),
    rateText(f.right + f.offeredFirst, f.inScope).padStart(9),
    String(f.wrong).padStart(6),
    String(f.refused).padStart(8),
    String(f.safety).padStart(7),
    String(f.checkIns).padStart(9),
    String(f.outOfScope).padStart(5),
    rateText(f.outRefused, f.outOfScope).padStart(8),
    String(f.pii).padStart(4),
  ];
  return `${name.padEnd(width)} ${cells.join(' ')}${status ? `  ${status}` : ''}`.trimEnd();
}

/** The report: the questions (failures first), then each file's figures, the totals, and the totals per area. */
export function formatMatchReport(results: MatchFileResult[], options: { rows?: ReportRows; areas?: boolean } = {}): string {
  const rows = options.rows === 'none' ? [] : results.flatMap((r) => r.cases);
  const shown = rows.filter((c) => options.rows === 'all' || !c.passed).sort((a, b) => Number(a.passed) - Number(b.passed));
  const lines: string[] = [];
  if (shown.length > 0) {
    const expectedWidth = Math.max(8, ...shown.map((c) => (c.case.expect ?? 'fallback').length));
    const gotWidth = Math.max(3, ...shown.map((c) => describeGot(c).length));
    lines.push(`${'result'.padEnd(6)}  ${'conf'.padStart(5)}  ${'expected'.padEnd(expectedWidth)}  ${'got'.padEnd(gotWidth)}  question`);
    for (const c of shown) {
      const confidence = c.bot.confidence === null ? '—' : c.bot.confidence.toFixed(2);
      lines.push(`${(c.passed ? 'ok' : 'FAIL').padEnd(6)}  ${confidence.padStart(5)}  ${(c.case.expect ?? 'fallback').padEnd(expectedWidth)}  ${describeGot(c).padEnd(gotWidth)}  ${c.case.text}`);
    }
    lines.push('');
  }
  const width = Math.max(44, ...results.map((r) => r.file.length));
  lines.push(`${'file'.padEnd(width)} ${'in scope'.padStart(8)} ${'right'.padStart(8)} ${'+offered'.padStart(9)} ${'wrong'.padStart(6)} ${'refused'.padStart(8)} ${'safety'.padStart(7)} ${'check-in'.padStart(9)} ${'out'.padStart(5)} ${'refused'.padStart(8)} ${'pii'.padStart(4)}  status`);
  for (const r of results) lines.push(figuresLine(r.file, r.figures, width, r.status.text));
  lines.push(figuresLine('all', totalOf(results), width));
  if (options.areas) {
    const areas = new Map<string, MatchFigures>();
    for (const r of results) for (const [area, f] of r.areas) areas.set(area, totalOf([{ figures: areas.get(area) ?? emptyFigures() }, { figures: f }]));
    for (const [area, f] of [...areas].sort(([a], [b]) => a.localeCompare(b))) lines.push(figuresLine(`  area ${area}`, f, width));
  }
  lines.push(
    '',
    'right: answered with the expected entry; +offered: or offered it first in a "did you mean…?"; wrong: answered with',
    'another entry; refused: "I don\'t know"; safety: got the safety answer instead; check-in: got the gentle check-in',
    'before its reply (counted by that reply); out: out-of-scope questions, refused honestly; pii: messages the bot took',
    'to hold personal data. Every question goes through the whole bot.',
  );
  return lines.join('\n');
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KnowledgeSearch, SearchOutcome } from './search';

/** A labelled question set: questions the base should answer (with the right entry) and ones it should not. */
export interface EvaluationSet {
  inScope: { q: string; id: string }[];
  outOfScope: string[];
}

export interface EvaluationReport {
  inScope: number;
  /** Answered straight away with the right entry. */
  answeredRight: number;
  /** Answered straight away with a wrong entry: the worst outcome. */
  answeredWrong: number;
  /** A "did you mean…?" that offers the right entry. */
  clarifiedWithRight: number;
  /** Anything else: a fallback, or a clarify without the right entry. */
  missed: number;
  outOfScope: number;
  /** Out-of-scope questions that were (wrongly) answered. */
  falseAnswers: number;
  /** Out-of-scope questions that got a "did you mean…?" (harmless but noisy). */
  falseClarifies: number;
  failures: string[];
}

export function readEvaluationSet(file: string): EvaluationSet {
  return parse(readFileSync(file, 'utf8')) as EvaluationSet;
}

/** Runs every question of the set through the search and counts how each came out. */
export function evaluateSearch(search: KnowledgeSearch, set: EvaluationSet): EvaluationReport {
  const report: EvaluationReport = { inScope: set.inScope.length, answeredRight: 0, answeredWrong: 0, clarifiedWithRight: 0, missed: 0, outOfScope: set.outOfScope.length, falseAnswers: 0, falseClarifies: 0, failures: [] };
  const describe = (outcome: SearchOutcome, ids: string[]) => `${outcome}${ids.length ? ` [${ids.join(', ')}]` : ''}`;
  for (const { q, id } of set.inScope) {
    const result = search.search(q);
    const ids = result.candidates.map((c) => c.entry.id);
    if (result.outcome === 'answer' && ids[0] === id) report.answeredRight++;
    else if (result.outcome === 'answer') report.answeredWrong++;
    else if (result.outcome === 'clarify' && ids.includes(id)) report.clarifiedWithRight++;
    else report.missed++;
    if (!(result.outcome === 'answer' && ids[0] === id)) report.failures.push(`expected ${id}: "${q}" → ${describe(result.outcome, ids.slice(0, 3))}`);
  }
  for (const q of set.outOfScope) {
    const result = search.search(q);
    if (result.outcome === 'answer') report.falseAnswers++;
    if (result.outcome === 'clarify') report.falseClarifies++;
    if (result.outcome !== 'fallback') report.failures.push(`expected fallback: "${q}" → ${describe(result.outcome, result.candidates.slice(0, 3).map((c) => c.entry.id))}`);
  }
  return report;
}

const percent = (n: number, of: number) => `${of ? ((100 * n) / of).toFixed(1) : '0.0'} %`;

export function formatReport(report: EvaluationReport): string {
  return [
    `In scope: ${report.inScope} questions`,
    `  answered with the right entry   ${String(report.answeredRight).padStart(4)}  ${percent(report.answeredRight, report.inScope)}`,
    `  "did you mean" with the right   ${String(report.clarifiedWithRight).padStart(4)}  ${percent(report.clarifiedWithRight, report.inScope)}`,
    `  answered with a wrong entry     ${String(report.answeredWrong).padStart(4)}  ${percent(report.answeredWrong, report.inScope)}`,
    `  missed (fallback or wrong list) ${String(report.missed).padStart(4)}  ${percent(report.missed, report.inScope)}`,
    `Out of scope: ${report.outOfScope} questions`,
    `  answered anyway                 ${String(report.falseAnswers).padStart(4)}  ${percent(report.falseAnswers, report.outOfScope)}`,
    `  "did you mean"                  ${String(report.falseClarifies).padStart(4)}  ${percent(report.falseClarifies, report.outOfScope)}`,
  ].join('\n');
}

import path from 'node:path';
import YAML from 'yaml';
import type { MissRecord } from '../../dialogs/insights';
import { foldText } from '../../knowledge/normalise';
import type { KnowledgeBase } from '../../knowledge/types';
import { unansweredGroups, type UnansweredGroup } from './report';

/** A group whose questions came at least this close to an entry probably belongs to it (a person decides). */
export const CLOSE_ENOUGH = 0.35;

export interface Suggestions {
  /** Unanswered groups close to an entry: the lines to add under that entry's `questions:`. */
  alternates: { group: UnansweredGroup; entryId: string; file: string; line: number; yaml: string }[];
  /** Unanswered groups close to nothing: a new entry is needed. */
  newEntries: UnansweredGroup[];
  /** Questions where people said "None of these" to what was offered: a new entry, or clearer ones. */
  noneFit: UnansweredGroup[];
  /** Questions whose answer was voted 👎: the answer, or where the question went, needs a look. */
  disliked: UnansweredGroup[];
}

/** The YAML list items for phrasings the entry does not have yet, indented as in the content files. */
function questionLines(phrasings: readonly string[], indent = '      '): string {
  return phrasings
    .map((question) => YAML.stringify([question], { lineWidth: 0 }).trimEnd())
    .map((item) => `${indent}${item}`)
    .join('\n');
}

/**
 * What to do about the questions the bot could not answer: alternate questions to paste under an existing
 * entry (only for questions that got "I don't know": a "None of these" or a 👎 means the close entries were
 * wrong), topics that need a new entry, and what people rejected. Nothing is edited: a person reads and pastes.
 */
export function suggest(misses: readonly MissRecord[], kb: KnowledgeBase, projectRoot: string): Suggestions {
  const of = (reason: MissRecord['reason']) => unansweredGroups(misses.filter((miss) => miss.reason === reason), kb);
  const result: Suggestions = { alternates: [], newEntries: [], noneFit: of('none-of-these'), disliked: of('thumbs-down') };
  for (const group of of('fallback')) {
    const entry = group.closest && group.closest.confidence >= CLOSE_ENOUGH ? kb.byId.get(group.closest.entryId) : undefined;
    if (!entry) {
      result.newEntries.push(group);
      continue;
    }
    const known = new Set(entry.questions.map((q) => foldText(q)));
    const fresh = group.phrasings.map((p) => p.question).filter((q) => !known.has(foldText(q)));
    if (fresh.length === 0) continue;
    result.alternates.push({ group, entryId: entry.id, file: path.relative(projectRoot, entry.origin.file), line: entry.origin.line, yaml: questionLines(fresh) });
  }
  return result;
}

/** The suggestions as text to read and paste from. */
export function suggestionsText(suggestions: Suggestions): string {
  const out: string[] = [];
  const asked = (group: UnansweredGroup) => `asked ${group.count} time${group.count === 1 ? '' : 's'} by ${group.people} ${group.people === 1 ? 'person' : 'people'}`;
  out.push(`Alternate questions for existing entries (${suggestions.alternates.length}). Paste each block under the entry's "questions:", if it really asks that:`, '');
  for (const item of suggestions.alternates) {
    out.push(`# ${item.entryId} (${item.file}:${item.line}): ${asked(item.group)}, closest confidence ${item.group.closest?.confidence.toFixed(2)}`);
    out.push(item.yaml, '');
  }
  if (suggestions.alternates.length === 0) out.push('  none', '');
  out.push(`Topics that need a new entry (${suggestions.newEntries.length}): nothing in the knowledge base comes close.`, '');
  for (const group of suggestions.newEntries) {
    out.push(`- "${group.representative}" (${asked(group)})`);
    for (const other of group.phrasings.slice(1, 6)) out.push(`    also: "${other.question}"`);
  }
  if (suggestions.newEntries.length === 0) out.push('  none');
  out.push('', `Questions where people said "None of these" (${suggestions.noneFit.length}): the entries offered did not fit. A new entry, or clearer questions on the right one.`, '');
  for (const group of suggestions.noneFit) out.push(`- "${group.representative}" (${asked(group)}; offered first: ${group.closest?.entryId ?? '?'})`);
  if (suggestions.noneFit.length === 0) out.push('  none');
  out.push('', `Answers voted 👎 (${suggestions.disliked.length}): check the answer, or whether the question belongs to another entry.`, '');
  for (const group of suggestions.disliked) out.push(`- "${group.representative}" → answered with ${group.closest?.entryId ?? '?'} (${asked(group)})`);
  if (suggestions.disliked.length === 0) out.push('  none');
  return `${out.join('\n')}\n`;
}

import type { Entry } from '../types';
import { labelOf } from '../types';
import { formatMetadata, formatPrompts, isMetadataValue, METADATA_KEYS, QNA_COLUMNS, SOURCE_SEPARATOR, type MetadataItem, type QnaColumn } from './columns';
import { escapeText, tsvLine } from './tsv';

export interface QnaExport {
  /** The TSV file: a header, then one row per question. */
  text: string;
  /** The QnaId given to each entry id. */
  qnaIds: Map<string, number>;
  /** What QnA has no column for and was left out. */
  notes: string[];
}

/**
 * Writes entries as a QnA Maker / Custom Question Answering TSV export. Entry n (in the order given: the
 * loader's, content files by name, entries in file order) gets QnaId n. Each question is a row, the first
 * the canonical one; every row of an entry carries the same answer, source, metadata and prompts.
 * Metadata: `entry:<id>|audience:<a>,<b>|short:<label>`; prompts: the follow-ups, labelled as their buttons.
 */
export function exportQna(entries: readonly Entry[]): QnaExport {
  const qnaIds = new Map(entries.map((entry, index) => [entry.id, index + 1]));
  const lines = [tsvLine([...QNA_COLUMNS])];
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const unlabelled: string[] = [];
  const missingFollowUps: string[] = [];
  for (const entry of entries) {
    const metadata: MetadataItem[] = [
      { key: METADATA_KEYS.entry, value: entry.id },
      { key: METADATA_KEYS.audience, value: entry.audiences.join(',') },
    ];
    if (entry.short !== undefined) {
      if (isMetadataValue(entry.short)) metadata.push({ key: METADATA_KEYS.short, value: entry.short });
      else unlabelled.push(entry.id);
    }
    const prompts = entry.followUps.flatMap((id, index) => {
      const target = byId.get(id);
      if (!target) {
        missingFollowUps.push(`${entry.id} → ${id}`);
        return [];
      }
      return [{ displayOrder: index + 1, qnaId: qnaIds.get(id) ?? 0, displayText: labelOf(target) }];
    });
    const source = escapeText(entry.source.join(SOURCE_SEPARATOR));
    const shared: Record<Exclude<QnaColumn, 'Question'>, string> = {
      Answer: escapeText(entry.answer),
      Source: source,
      Metadata: escapeText(formatMetadata(metadata)),
      SuggestedQuestions: '[]',
      IsContextOnly: String(entry.contextOnly),
      Prompts: formatPrompts(prompts),
      QnaId: String(qnaIds.get(entry.id)),
      SourceDisplayName: source,
    };
    for (const question of entry.questions) lines.push(tsvLine(QNA_COLUMNS.map((column) => (column === 'Question' ? escapeText(question) : shared[column]))));
  }

  const notes: string[] = [];
  const tailored = entries.filter((e) => Object.keys(e.answers).length > 0).length;
  const tagged = entries.filter((e) => e.tags.length > 0).length;
  if (tailored > 0) notes.push(`${tailored} entries have answers for particular audiences (answers:): QnA has one answer per pair, so only the default answer is exported`);
  if (tagged > 0) notes.push(`${tagged} entries have tags: QnA has no column for them, so they are not exported`);
  if (unlabelled.length > 0) notes.push(`short labels holding ":" or "|" cannot be QnA metadata and travel only as prompt labels: ${unlabelled.join(', ')}`);
  if (missingFollowUps.length > 0) notes.push(`follow-ups to entries not exported were left out: ${missingFollowUps.join(', ')}`);
  return { text: `${lines.join('\n')}\n`, qnaIds, notes };
}

import path from 'node:path';
import { Document, isMap, isSeq } from 'yaml';
import contentSchema from '../content/schemas/schema.json';
import type { KnowledgeProblem } from '../errors';
import { MAX_ANSWER_WORDS } from '../load';
import type { Audience } from '../types';
import { audienceOf, audienceWords, METADATA_KEYS, parseContextOnly, parseMetadata, parsePrompts, QNA_COLUMNS, SOURCE_SEPARATOR, type QnaColumn, type QnaPrompt } from './columns';
import { readTsv, unescapeText } from './tsv';

const entrySchema = contentSchema.definitions.entry.properties;
/** What kb:check asks of an entry, read from the schema so that the two never disagree. */
export const MIN_QUESTIONS = entrySchema.questions.minItems;
const MAX_SHORT = entrySchema.short.maxLength;
const ID_PATTERN = new RegExp(entrySchema.id.pattern);
export const AREA_PATTERN = /^[a-z][a-z0-9-]*$/;

/** One entry in the shape of `knowledge/content/entries/*.yaml` (fields QnA has no column for are absent). */
export interface ContentEntry {
  id: string;
  questions: string[];
  answer: string;
  audiences: Audience[];
  followUps?: string[];
  source: string[];
  short?: string;
  contextOnly?: boolean;
}

/** An entry made from one QnA pair. */
export interface ImportedEntry {
  qnaId: number;
  /** Line of the pair's first row. */
  line: number;
  entry: ContentEntry;
  /** What kb:check would still reject (too few questions, too long an answer): written beside the entry. */
  gaps: string[];
}

export interface QnaImport {
  entries: ImportedEntry[];
  /** Rows left out, each with its line and why. */
  skipped: KnowledgeProblem[];
  /** Rows and pairs kept, with something changed or dropped that the organiser should know. */
  notes: KnowledgeProblem[];
  /** Data rows read (header and blank lines excluded). */
  rows: number;
  /** Set when the file is not a QnA export at all: nothing was imported. */
  fatal?: string;
}

export interface ImportOptions {
  /** Area of the ids made for pairs that carry no `entry:` metadata: `${area}.qna-${QnaId}`. */
  area: string;
  /** The file's name as shown in messages. */
  file: string;
}

interface PairRow {
  answer: string;
  source: string;
  sourceDisplayName: string;
  metadata: string;
  contextOnly: boolean;
  prompts: QnaPrompt[];
  suggested: string;
}

interface Pair {
  qnaId: number;
  line: number;
  row: PairRow;
  questions: string[];
}

/** Columns compared between the rows of one pair: they must all say the same. */
const SHARED: [QnaColumn, (row: PairRow) => string][] = [
  ['Answer', (r) => r.answer],
  ['Source', (r) => r.source],
  ['SourceDisplayName', (r) => r.sourceDisplayName],
  ['Metadata', (r) => r.metadata],
  ['IsContextOnly', (r) => String(r.contextOnly)],
  ['Prompts', (r) => JSON.stringify(r.prompts)],
];

const countWords = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const ALL_AUDIENCES = 'children, parents-educators, industry, policy-makers, general';

/**
 * Converts a QnA Maker / Custom Question Answering TSV export into entries of our schema. Never throws on
 * content: a bad row is skipped and listed with its line, everything else is imported.
 */
export function importQnaExport(text: string, options: ImportOptions): QnaImport {
  const { file } = options;
  const records = readTsv(text);
  const skipped: KnowledgeProblem[] = [];
  const notes: KnowledgeProblem[] = [];
  const skip = (line: number, reason: string) => skipped.push({ file, line, reason: `${reason}: row skipped` });
  const note = (line: number, reason: string) => notes.push({ file, line, reason });

  const header = records.shift();
  const columns = new Map<string, number>();
  header?.fields.forEach((name, index) => {
    const known = QNA_COLUMNS.find((column) => column.toLowerCase() === name.trim().toLowerCase());
    if (known && !columns.has(known)) columns.set(known, index);
    else if (name.trim() !== '') note(header.line, `column "${name.trim()}" is not a QnA export column: ignored`);
  });
  if (!header || !columns.has('Question') || !columns.has('Answer')) {
    const found = header ? header.fields.map((f) => f.trim()).filter((f) => f !== '').join(', ') : 'nothing';
    return { entries: [], skipped: [], notes: [], rows: records.length, fatal: `${file}: not a QnA export: its first line must name the columns (${QNA_COLUMNS.join(', ')}); Question and Answer at least. Found: ${found}` };
  }
  const width = header.fields.length;
  const cell = (fields: string[], column: QnaColumn) => {
    const index = columns.get(column);
    return index === undefined ? '' : fields[index];
  };
  const textCell = (fields: string[], column: QnaColumn) => unescapeText(cell(fields, column)).replace(/\r\n/g, '\n').trim();

  const pairs = new Map<number, Pair>();
  const pairKeys = new Map<string, number>();
  for (const { line, fields } of records) {
    if (fields.length !== width) {
      const hint = fields.length > width ? 'a tab typed inside a field? QnA writes it as \\t' : 'a column left out?';
      skip(line, `has ${fields.length} fields where the header has ${width} (${hint})`);
      continue;
    }
    const question = textCell(fields, 'Question');
    const answer = textCell(fields, 'Answer');
    if (question === '') {
      skip(line, 'empty question');
      continue;
    }
    if (answer === '') {
      skip(line, 'empty answer');
      continue;
    }
    const contextOnly = parseContextOnly(cell(fields, 'IsContextOnly'));
    if (contextOnly === undefined) {
      skip(line, `IsContextOnly "${cell(fields, 'IsContextOnly').trim()}" is not true or false`);
      continue;
    }
    const prompts = parsePrompts(cell(fields, 'Prompts'));
    if ('error' in prompts) {
      skip(line, prompts.error);
      continue;
    }
    const row: PairRow = {
      answer,
      source: textCell(fields, 'Source'),
      sourceDisplayName: textCell(fields, 'SourceDisplayName'),
      metadata: textCell(fields, 'Metadata'),
      contextOnly,
      prompts: prompts.prompts,
      suggested: cell(fields, 'SuggestedQuestions').trim(),
    };
    let qnaId: number;
    if (columns.has('QnaId')) {
      const raw = cell(fields, 'QnaId').trim();
      if (!/^\d+$/.test(raw)) {
        skip(line, raw === '' ? 'no QnaId' : `QnaId "${raw}" is not a number`);
        continue;
      }
      qnaId = Number(raw);
    } else {
      // Files without a QnaId column (the older import format): rows with the same answer and metadata are one pair.
      const key = JSON.stringify(SHARED.map(([, of]) => of(row)));
      qnaId = pairKeys.get(key) ?? pairKeys.size + 1;
      pairKeys.set(key, qnaId);
    }
    const pair = pairs.get(qnaId);
    if (!pair) {
      pairs.set(qnaId, { qnaId, line, row, questions: [question] });
      continue;
    }
    const differs = SHARED.find(([, of]) => of(row) !== of(pair.row));
    if (differs) {
      skip(line, `${differs[0]} differs from line ${pair.line}, the first row of QnaId ${qnaId}`);
      continue;
    }
    if (pair.questions.includes(question)) note(line, `QnaId ${qnaId}: the question "${question}" is listed twice: kept once`);
    else pair.questions.push(question);
  }

  const entries = toEntries([...pairs.values()], options, note);
  return { entries, skipped, notes, rows: records.length };
}

function toEntries(pairs: Pair[], options: ImportOptions, note: (line: number, reason: string) => void): ImportedEntry[] {
  const byQnaId = new Map(pairs.map((pair) => [pair.qnaId, pair]));
  const metadataOf = new Map<Pair, ReturnType<typeof parseMetadata>>(pairs.map((pair) => [pair, parseMetadata(pair.row.metadata)]));
  const valuesOf = (pair: Pair, key: string) => (metadataOf.get(pair)?.items ?? []).filter((item) => item.key === key).map((item) => item.value);

  const ids = assignIds(pairs, options.area, (pair) => valuesOf(pair, METADATA_KEYS.entry)[0], note);

  const unknownKeys = new Map<string, { line: number; pairs: number }>();
  const offered = new Map<number, string[]>();
  for (const pair of pairs) {
    for (const prompt of pair.row.prompts) {
      if (prompt.displayText !== '' && byQnaId.has(prompt.qnaId)) offered.set(prompt.qnaId, [...new Set([...(offered.get(prompt.qnaId) ?? []), prompt.displayText])]);
    }
  }

  const noAudience: number[] = [];
  const entries = pairs.map((pair): ImportedEntry => {
    const { qnaId, line, row } = pair;
    const metadata = metadataOf.get(pair) ?? { items: [], unreadable: [] };
    for (const part of metadata.unreadable) note(line, `QnaId ${qnaId}: metadata "${part}" is not key:value: ignored`);
    for (const { key } of metadata.items) {
      if ((Object.values(METADATA_KEYS) as string[]).includes(key) || key === 'audiences') continue;
      const seen = unknownKeys.get(key);
      unknownKeys.set(key, { line: seen?.line ?? line, pairs: (seen?.pairs ?? 0) + 1 });
    }

    const audiences: Audience[] = [];
    for (const word of [...valuesOf(pair, METADATA_KEYS.audience), ...valuesOf(pair, 'audiences')].flatMap(audienceWords)) {
      const audience = audienceOf(word);
      if (!audience) note(line, `QnaId ${qnaId}: audience "${word}" is not one of ours (${ALL_AUDIENCES}): ignored`);
      else if (!audiences.includes(audience)) audiences.push(audience);
    }
    if (audiences.length === 0) {
      audiences.push('general');
      noAudience.push(qnaId);
    }

    const followUps: string[] = [];
    for (const prompt of row.prompts) {
      const target = ids.get(prompt.qnaId);
      if (prompt.qnaId === qnaId) note(line, `QnaId ${qnaId}: a prompt to itself: dropped`);
      else if (target === undefined) note(line, `QnaId ${qnaId}: prompt "${prompt.displayText}" goes to QnaId ${prompt.qnaId}, which is not in the file or whose rows were all skipped: follow-up dropped`);
      else if (!followUps.includes(target)) followUps.push(target);
    }

    const source = splitSources(row.source);
    if (source.length === 0) source.push(...splitSources(row.sourceDisplayName));
    if (source.length === 0) {
      const made = `${path.basename(options.file)}, QnaId ${qnaId}`;
      note(line, `QnaId ${qnaId}: no Source: recorded as "${made}"`);
      source.push(made);
    }

    const short = shortLabel(pair, valuesOf(pair, METADATA_KEYS.short)[0], offered.get(qnaId) ?? [], note);
    if (row.suggested !== '' && row.suggested !== '[]') note(line, `QnaId ${qnaId}: suggested questions (active learning) are not imported; accept them in QnA, or add them as questions yourself`);

    // Keys in the order of the content files; empty optional fields left out, as people write them.
    const entry: ContentEntry = {
      id: ids.get(qnaId) ?? '',
      questions: pair.questions,
      answer: row.answer,
      audiences,
      ...(followUps.length > 0 ? { followUps } : {}),
      source,
      ...(short !== undefined ? { short } : {}),
      ...(row.contextOnly ? { contextOnly: true } : {}),
    };

    const gaps: string[] = [];
    const missing = MIN_QUESTIONS - pair.questions.length;
    if (missing > 0) gaps.push(`needs ${plural(missing, 'more phrasing')} before kb:check accepts it (at least ${MIN_QUESTIONS} questions)`);
    const words = countWords(row.answer);
    if (words > MAX_ANSWER_WORDS) gaps.push(`its answer has ${words} words; kb:check accepts at most ${MAX_ANSWER_WORDS}`);
    for (const gap of gaps) note(line, `${entry.id} ${gap}`);
    return { qnaId, line, entry, gaps };
  });

  for (const [key, seen] of unknownKeys) note(seen.line, `metadata "${key}" (on ${plural(seen.pairs, 'pair')}) has no field in our entries: dropped`);
  if (noAudience.length > 0) note(pairs.find((p) => p.qnaId === noAudience[0])?.line ?? 0, `${plural(noAudience.length, 'pair')} without audience metadata (QnaId ${noAudience.join(', ')}): audience set to general`);
  return entries;
}

/** Ids: a pair's `entry:` metadata when it is a valid, unused id; otherwise `${area}.qna-${QnaId}`. */
function assignIds(pairs: Pair[], area: string, explicitOf: (pair: Pair) => string | undefined, note: (line: number, reason: string) => void): Map<number, string> {
  const ids = new Map<number, string>();
  const owner = new Map<string, Pair>();
  const pending: Pair[] = [];
  for (const pair of pairs) {
    const explicit = explicitOf(pair);
    if (explicit === undefined) {
      pending.push(pair);
    } else if (!ID_PATTERN.test(explicit)) {
      note(pair.line, `QnaId ${pair.qnaId}: entry "${explicit}" is not an id like area.topic: a new id is made`);
      pending.push(pair);
    } else if (owner.has(explicit)) {
      note(pair.line, `QnaId ${pair.qnaId}: entry "${explicit}" is already the id of QnaId ${owner.get(explicit)?.qnaId} (line ${owner.get(explicit)?.line}): a new id is made`);
      pending.push(pair);
    } else {
      owner.set(explicit, pair);
      ids.set(pair.qnaId, explicit);
    }
  }
  for (const pair of pending) {
    const base = `${area}.qna-${pair.qnaId}`;
    let id = base;
    for (let n = 2; owner.has(id); n++) id = `${base}-${n}`;
    if (id !== base) note(pair.line, `QnaId ${pair.qnaId}: ${base} is taken: imported as ${id}`);
    owner.set(id, pair);
    ids.set(pair.qnaId, id);
  }
  return ids;
}

/**
 * The button label: the `short:` metadata (in the letter case a prompt shows it, since QnA keeps metadata in
 * lower case), else the text of the prompts that open this pair when it is not simply its first question.
 */
function shortLabel(pair: Pair, fromMetadata: string | undefined, offered: string[], note: (line: number, reason: string) => void): string | undefined {
  let short: string | undefined;
  if (fromMetadata !== undefined) {
    short = offered.find((text) => text.toLowerCase() === fromMetadata.toLowerCase()) ?? fromMetadata;
  } else {
    const labels = offered.filter((text) => text !== pair.questions[0]);
    short = labels[0];
    if (labels.length > 1) note(pair.line, `QnaId ${pair.qnaId} is offered as ${labels.map((l) => `"${l}"`).join(' and ')}: its short label is "${short}"`);
  }
  if (short !== undefined && (short.trim() === '' || short.length > MAX_SHORT)) {
    note(pair.line, `QnaId ${pair.qnaId}: the label "${short}" is longer than ${MAX_SHORT} characters: not kept as its short label`);
    return undefined;
  }
  return short;
}

const splitSources = (text: string) => text.split(SOURCE_SEPARATOR).map((s) => s.trim()).filter((s) => s !== '');

/**
 * The imported entries as a content file (`knowledge/content/entries/*.yaml`): entries in file order, each with a
 * `# kb:import:` comment naming what kb:check would still reject.
 */
export function toContentYaml(entries: readonly ImportedEntry[], from: string): string {
  const doc = new Document({ entries: entries.map((e) => e.entry) });
  doc.commentBefore = [
    ' yaml-language-server: $schema=../schemas/schema.json',
    ` Imported from ${from} by npm run kb:import. Review each entry, then run npm run kb:check.`,
    ' Entries marked "kb:import:" below still need work before kb:check accepts them.',
  ].join('\n');
  const list = doc.get('entries', true);
  if (isSeq(list)) {
    list.items.forEach((item, i) => {
      if (!isMap(item)) return;
      if (i > 0) item.spaceBefore = true;
      const gaps = entries[i].gaps;
      if (gaps.length > 0) item.commentBefore = gaps.map((gap) => ` kb:import: ${gap}`).join('\n');
      for (const key of ['audiences', 'followUps']) {
        const value = item.get(key, true);
        if (isSeq(value)) value.flow = true;
      }
    });
  }
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', flowCollectionPadding: false });
}

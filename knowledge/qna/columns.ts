import { AUDIENCES, type Audience } from '../types';

/** The columns of a QnA Maker / Custom Question Answering export, in the order both write them. */
export const QNA_COLUMNS = ['Question', 'Answer', 'Source', 'Metadata', 'SuggestedQuestions', 'IsContextOnly', 'Prompts', 'QnaId', 'SourceDisplayName'] as const;
export type QnaColumn = (typeof QNA_COLUMNS)[number];

/** Metadata keys this tool writes and reads back (QnA keys allow letters, digits and `_` only). */
export const METADATA_KEYS = { entry: 'entry', audience: 'audience', short: 'short' } as const;

/** QnA metadata values may not hold `:` or `|`; it keeps them in lower case. */
export const isMetadataValue = (value: string) => value.trim() !== '' && !/[:|]/.test(value) && value.length <= 500;

/** Sources of one entry are joined with this in the Source column. */
export const SOURCE_SEPARATOR = ' | ';

/** One `key:value` of a pair's Metadata column; the key in lower case, as QnA stores it. */
export interface MetadataItem {
  key: string;
  value: string;
}

/**
 * Reads a Metadata column: `key:value|key2:value2` as QnA writes it (a JSON list of `{name, value}` is taken
 * too). Parts that are not `key:value` are returned in `unreadable`.
 */
export function parseMetadata(field: string): { items: MetadataItem[]; unreadable: string[] } {
  const text = field.trim();
  if (text === '' || text === '[]') return { items: [], unreadable: [] };
  if (text.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(text);
      if (Array.isArray(list)) {
        const items = list.flatMap((item: unknown) => {
          const { name, value } = (item ?? {}) as { name?: unknown; value?: unknown };
          return typeof name === 'string' && typeof value === 'string' ? [{ key: name.trim().toLowerCase(), value: value.trim() }] : [];
        });
        if (items.length === list.length) return { items, unreadable: [] };
      }
    } catch {
      // Not JSON after all: read it as key:value pairs below.
    }
  }
  const items: MetadataItem[] = [];
  const unreadable: string[] = [];
  for (const part of text.split('|').map((p) => p.trim()).filter((p) => p !== '')) {
    const colon = part.indexOf(':');
    if (colon <= 0) unreadable.push(part);
    else items.push({ key: part.slice(0, colon).trim().toLowerCase(), value: part.slice(colon + 1).trim() });
  }
  return { items, unreadable };
}

export function formatMetadata(items: readonly MetadataItem[]): string {
  return items.map((item) => `${item.key}:${item.value}`).join('|');
}

/** A multi-turn prompt: a button under the answer that opens another pair. */
export interface QnaPrompt {
  displayOrder: number;
  qnaId: number;
  displayText: string;
}

/** Reads a property whatever its case (`qnaId`, `QnaId`, `qnaid`): exports and hand-made files differ. */
function propertyOf(object: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

const asInteger = (value: unknown): number | undefined => {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
};

/**
 * Reads a Prompts column: a JSON list of `{displayOrder, qnaId, displayText}` (any letter case). Returns the
 * prompts in display order, or the reason the column cannot be read.
 */
export function parsePrompts(field: string): { prompts: QnaPrompt[] } | { error: string } {
  const text = field.trim();
  if (text === '') return { prompts: [] };
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch (error) {
    return { error: `Prompts is not valid JSON (${(error as Error).message})` };
  }
  if (!Array.isArray(list)) return { error: 'Prompts must be a JSON list' };
  const prompts: QnaPrompt[] = [];
  for (const [index, item] of list.entries()) {
    if (typeof item !== 'object' || item === null) return { error: `prompt ${index + 1} is not an object` };
    const record = item as Record<string, unknown>;
    const qnaId = asInteger(propertyOf(record, 'qnaId'));
    if (qnaId === undefined) return { error: `prompt ${index + 1} has no numeric qnaId${propertyOf(record, 'qna') ? ' (prompts that create a new pair inline are not supported)' : ''}` };
    const displayText = propertyOf(record, 'displayText');
    prompts.push({ displayOrder: asInteger(propertyOf(record, 'displayOrder')) ?? index, qnaId, displayText: typeof displayText === 'string' ? displayText.trim() : '' });
  }
  return { prompts: prompts.map((p, i) => ({ p, i })).sort((a, b) => a.p.displayOrder - b.p.displayOrder || a.i - b.i).map(({ p }) => p) };
}

/** Writes a Prompts column as QnA Maker exports it (camelCase keys). */
export function formatPrompts(prompts: readonly QnaPrompt[]): string {
  return JSON.stringify(prompts.map((p) => ({ displayOrder: p.displayOrder, qnaId: p.qnaId, displayText: p.displayText })));
}

/** Reads IsContextOnly (`true`/`false` in any case, `1`/`0`, empty for false). */
export function parseContextOnly(field: string): boolean | undefined {
  const text = field.trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1') return true;
  return undefined;
}

const AUDIENCE_WORDS: Record<Audience, string[]> = {
  children: ['children', 'child', 'kids', 'kid', 'young-people', 'youth', 'teens', 'teen', 'teenagers', 'teenager', 'minors'],
  'parents-educators': ['parents-educators', 'parents-and-educators', 'parents', 'parent', 'carers', 'carer', 'caregivers', 'guardians', 'educators', 'educator', 'teachers', 'teacher', 'schools'],
  industry: ['industry', 'companies', 'company', 'business', 'businesses', 'private-sector'],
  'policy-makers': ['policy-makers', 'policymakers', 'policy-maker', 'policymaker', 'policy', 'governments', 'government', 'regulators', 'legislators'],
  general: ['general', 'everyone', 'all', 'anyone', 'public', 'general-public'],
};
const AUDIENCE_OF = new Map(AUDIENCES.flatMap((audience) => AUDIENCE_WORDS[audience].map((word) => [word, audience] as const)));

/** Our audience for a word found in an `audience:` value (`Teachers`, `policy makers`, `kids`, …), if any. */
export function audienceOf(word: string): Audience | undefined {
  return AUDIENCE_OF.get(word.trim().toLowerCase().replace(/[\s_]+/g, '-'));
}

/** The words of an `audience:` value: QnA allows one value per key, so several audiences are comma-separated. */
export const audienceWords = (value: string) => value.split(/[,;]/).map((w) => w.trim()).filter((w) => w !== '');

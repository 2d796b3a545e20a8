/**
 * Tab-separated files as QnA Maker and Custom Question Answering write them: one record per line, fields
 * separated by tabs, line breaks and tabs inside a field written as the two characters `\n` and `\t`, quotes
 * written as they are. Files saved again from Excel may also hold RFC 4180 quoted fields (`"…""…"`, possibly
 * across lines); both are read.
 */

/** One record of a TSV file and the line (1-based) it starts on. */
export interface TsvRecord {
  line: number;
  fields: string[];
}

const isRecordEnd = (text: string, at: number) => at >= text.length || text[at] === '\n' || (text[at] === '\r' && text[at + 1] === '\n');

/**
 * Reads a quoted field starting at `start` (on its opening quote). Returns undefined when the field is not a
 * well-formed quoted field (a lone quote inside, or no closing quote before a tab or the end of the record):
 * QnA Maker never quotes, so such a field is plain text that happens to start with a quote. `needed` tells
 * whether the quotes were needed (the field holds a quote, a tab or a line break), as Excel writes them.
 */
function readQuoted(text: string, start: number): { value: string; end: number; lineBreaks: number; needed: boolean } | undefined {
  let value = '';
  let lineBreaks = 0;
  let needed = false;
  for (let at = start + 1; at < text.length; at++) {
    const char = text[at];
    if (char !== '"') {
      if (char === '\n') lineBreaks++;
      if (char === '\n' || char === '\r' || char === '\t') needed = true;
      value += char;
    } else if (text[at + 1] === '"') {
      value += '"';
      needed = true;
      at++;
    } else if (text[at + 1] === '\t' || isRecordEnd(text, at + 1)) {
      return { value, end: at + 1, lineBreaks, needed };
    } else {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Splits a TSV text into records (blank lines skipped). A UTF-8 byte order mark is ignored. A field in quotes
 * is unquoted when the quotes were needed (Excel's way), or when the file quotes every field (its header is
 * quoted): QnA Maker itself writes `"Online with Sango"` as it is, and it is read back as it is.
 */
export function readTsv(text: string): TsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const quotesAll = source.startsWith('"') && readQuoted(source, 0) !== undefined;
  const records: TsvRecord[] = [];
  let at = 0;
  let line = 1;
  while (at < source.length) {
    const record: TsvRecord = { line, fields: [] };
    for (;;) {
      const quoted = source[at] === '"' ? readQuoted(source, at) : undefined;
      if (quoted && (quoted.needed || quotesAll)) {
        record.fields.push(quoted.value);
        line += quoted.lineBreaks;
        at = quoted.end;
      } else {
        let end = at;
        while (source[end] !== '\t' && !isRecordEnd(source, end)) end++;
        record.fields.push(source.slice(at, end));
        at = end;
      }
      if (source[at] !== '\t') break;
      at++;
    }
    at += source[at] === '\r' ? 2 : 1;
    line++;
    if (record.fields.length > 1 || record.fields[0].trim() !== '') records.push(record);
  }
  return records;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };
const ESCAPED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * Decodes QnA Maker's escapes: `\n`, `\t`, `\r` and `\\`. Any other backslash is kept as it is, so markdown
 * escapes such as `\*` survive.
 */
export function unescapeText(field: string): string {
  return field.replace(/\\([ntr\\])/g, (_, char: string) => ESCAPES[char]);
}

/**
 * Encodes line breaks and tabs as QnA Maker does (`\n`, `\t`, `\r`), and doubles a backslash only where
 * {@link unescapeText} would otherwise misread it, so that every text comes back unchanged.
 */
export function escapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') out += /[ntr\\\n\t\r]/.test(text[i + 1] ?? '') ? '\\\\' : '\\';
    else out += ESCAPED[char] ?? char;
  }
  return out;
}

/**
 * One field as written to the file. The field must hold no tab or line break (escape it first). It is written
 * as it is, like QnA Maker does, unless {@link readTsv} would unquote it (it is a whole quoted field with a
 * doubled quote inside): only then is it quoted, so that it comes back unchanged.
 */
export function tsvField(field: string): string {
  if (/[\t\n]/.test(field)) throw new Error('a TSV field must not hold a tab or a line break: escape it first');
  if (field.startsWith('"') && readQuoted(`${field}\t`, 0)?.needed) return `"${field.replace(/"/g, '""')}"`;
  return field;
}

/** One line of a TSV file (without its line break). */
export function tsvLine(fields: readonly string[]): string {
  return fields.map(tsvField).join('\t');
}

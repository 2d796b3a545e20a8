import { escapeText, readTsv, tsvField, tsvLine, unescapeText } from '../../knowledge/qna/tsv';
import { audienceOf, parseMetadata, parsePrompts } from '../../knowledge/qna/columns';

const TRICKY = [
  'plain text',
  'two\nlines\n\nand a blank one',
  'a\ttab and a windows\r\nline break',
  'a literal backslash-n: C:\\new\\table',
  'markdown escapes stay: \\*not bold\\* and 2 \\\\ 3',
  'ends with a backslash \\',
  'backslash before a line break \\\nnext',
  '"Online with Sango" starts with a quote',
  '"whole field in quotes"',
  '"a ""doubled"" quote"',
  '""',
  'emoji 👧📖, accents Côte d’Ivoire, CJK 儿童, RTL العربية',
];

describe('QnA TSV fields', () => {
  it.each(TRICKY)('come back unchanged through escape, a file and unescape: %j', (text) => {
    const line = tsvLine([escapeText(text), 'next field']);
    expect(line).not.toMatch(/\n/);
    const [record] = readTsv(`Question\tAnswer\n${line}\n`).slice(1);
    expect(record.fields.map(unescapeText)).toEqual([text, 'next field']);
  });

  it('writes line breaks and tabs as QnA does, and quotes leading quotes only where a reader would unquote them', () => {
    expect(escapeText('a\nb\tc')).toBe('a\\nb\\tc');
    expect(escapeText('C:\\new')).toBe('C:\\\\new');
    expect(escapeText('\\*')).toBe('\\*');
    expect(tsvField('"Online with Sango" is a book')).toBe('"Online with Sango" is a book');
    expect(tsvField('"Online with Sango"')).toBe('"Online with Sango"');
    expect(tsvField('"say ""hi"""')).toBe('"""say """"hi"""""""');
    expect(() => tsvField('a\tb')).toThrow(/escape it first/);
  });

  it('reads what QnA Maker writes: \\n escapes, quotes as text, CRLF, a byte order mark, blank lines', () => {
    const records = readTsv('\uFEFFQuestion\tAnswer\r\n"Sango" is?\tLine 1\\nLine 2\r\n\r\nq2\t"quoted" answer\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['Question', 'Answer'] },
      { line: 2, fields: ['"Sango" is?', 'Line 1\\nLine 2'] },
      { line: 4, fields: ['q2', '"quoted" answer'] },
    ]);
  });

  it('reads fields Excel quoted, across lines, and keeps counting lines right after them', () => {
    const records = readTsv('Question\tAnswer\nq1\t"two\nlines with ""quotes""\tand a tab"\nq2\tafter\n');
    expect(records).toEqual([
      { line: 1, fields: ['Question', 'Answer'] },
      { line: 2, fields: ['q1', 'two\nlines with "quotes"\tand a tab'] },
      { line: 4, fields: ['q2', 'after'] },
    ]);
  });

  it('unquotes every field of a file that quotes all of them (its header is quoted)', () => {
    expect(readTsv('"Question"\t"Answer"\n"q1"\t"plain"\n')[1].fields).toEqual(['q1', 'plain']);
  });
});

describe('QnA columns', () => {
  it('reads metadata as QnA writes it (key:value|key:value) and as a JSON list', () => {
    expect(parseMetadata('Audience:parents,teachers | entry:event.date|oops')).toEqual({
      items: [
        { key: 'audience', value: 'parents,teachers' },
        { key: 'entry', value: 'event.date' },
      ],
      unreadable: ['oops'],
    });
    expect(parseMetadata('[{"name":"category","value":"api"}]').items).toEqual([{ key: 'category', value: 'api' }]);
    expect(parseMetadata('')).toEqual({ items: [], unreadable: [] });
  });

  it('reads prompts in camelCase or PascalCase, in display order, and explains what it cannot read', () => {
    expect(parsePrompts('[{"DisplayOrder":2,"QnaId":12,"DisplayText":"B"},{"displayOrder":1,"qnaId":"7","displayText":"A"}]')).toEqual({
      prompts: [
        { displayOrder: 1, qnaId: 7, displayText: 'A' },
        { displayOrder: 2, qnaId: 12, displayText: 'B' },
      ],
    });
    expect(parsePrompts('[]')).toEqual({ prompts: [] });
    expect(parsePrompts('[{"displayOrder":1,')).toEqual({ error: expect.stringMatching(/^Prompts is not valid JSON/) });
    expect(parsePrompts('[{"displayOrder":1,"qna":{"answer":"x"}}]')).toEqual({ error: expect.stringMatching(/inline are not supported/) });
    expect(parsePrompts('{"qnaId":1}')).toEqual({ error: 'Prompts must be a JSON list' });
  });

  it('maps the usual names of audiences to ours', () => {
    expect(['Parents', 'teachers', 'kids', 'Policy Makers', 'policymakers', 'policy_makers', 'industry', 'Everyone'].map(audienceOf)).toEqual([
      'parents-educators',
      'parents-educators',
      'children',
      'policy-makers',
      'policy-makers',
      'policy-makers',
      'industry',
      'general',
    ]);
    expect(audienceOf('journalists')).toBeUndefined();
  });
});

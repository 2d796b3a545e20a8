import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { loadKnowledgeBase } from '../../knowledge/load';
import { exportQna } from '../../knowledge/qna/export';
import { importQnaExport, toContentYaml, type ContentEntry } from '../../knowledge/qna/import';
import type { Entry } from '../../knowledge/types';
import { kbCopy, REAL_KB } from '../helpers/kbFolder';
import { runScript } from '../helpers/run';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'qna');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const WEBINAR = 'https://www.itu.int/en/ITU-D/Cybersecurity/Pages/2020-COP-Guidelines-launch-webinar.aspx';
const CHILDREN_PAGE = 'https://www.itu-cop-guidelines.com/children';

/** The fields an entry of ours shares with a QnA pair. */
const shared = (e: Entry | ContentEntry) => ({
  id: e.id,
  questions: e.questions,
  answer: e.answer,
  audiences: e.audiences,
  followUps: e.followUps ?? [],
  source: e.source,
  short: e.short,
  contextOnly: e.contextOnly ?? false,
});

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'cop-qna-'));
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

describe('importQnaExport', () => {
  it('turns a QnA export into our entries: alternate questions, audiences, prompts, context-only pairs, markdown, tabs and unicode', () => {
    const result = importQnaExport(fixture('cop-export.tsv'), { area: 'imported', file: 'cop-export.tsv' });
    expect(result.skipped).toEqual([]);
    expect(result.rows).toBe(22);
    expect(result.entries.map((e) => e.entry)).toEqual<ContentEntry[]>([
      {
        id: 'imported.qna-1',
        questions: ['When was the COP Guidelines launch event?', 'launch date?', 'On what day were the 2020 guidelines released?', 'when did the new cop guidelines come out', 'Date of the online dialogue'],
        answer: "The official release was on **Wednesday 24 June 2020**, marked by ITU's online dialogue.\n\nThe day before, ITU held a virtual press conference, which is why some reports say 23 June.",
        audiences: ['parents-educators'],
        followUps: ['imported.qna-2', 'event.recording'],
        source: [WEBINAR],
        short: 'Launch date',
      },
      {
        id: 'imported.qna-2',
        questions: ['What time did it start?', 'what time was the launch in Geneva'],
        answer: 'It ran from 14:00 to 15:30 Geneva time (CEST, UTC+2), that is 12:00 to 13:30 UTC.',
        audiences: ['general'],
        source: ['Editorial'],
        short: 'Start time',
        contextOnly: true,
      },
      {
        id: 'imported.qna-3',
        questions: ['Which resources are there for children?', 'stuff for kids about staying safe online', 'Is there something for my 8 year old? 👧', 'Quelles ressources pour les enfants ? (Côte d’Ivoire)', '儿童在线保护资源', 'ما هي الموارد المتاحة للأطفال؟'],
        answer: [
          "The children's guidelines come in three formats:",
          '',
          '* **Under 9**: *Online with Sango*, a storybook 📖',
          '* **9 to 12**: *Work with Sango*, a workbook ✏️',
          '* **13 to 18**: the Net rules challenge 🌐',
          '',
          'Age band:\tformat',
          '',
          `See [the children's page](${CHILDREN_PAGE}). Aussi en français, 中文 et العربية.`,
        ].join('\n'),
        audiences: ['children', 'parents-educators'],
        followUps: ['imported.qna-5'],
        source: [CHILDREN_PAGE],
      },
      {
        id: 'event.recording',
        questions: ['Is there a recording of the launch event?', 'can i watch the launch webinar again', 'Where is the video of the online dialogue?', 'launch event replay', 'Did ITU record the COP launch?'],
        answer: `Yes. ITU's event page links to a recorded webcast of the online dialogue:\n${WEBINAR}`,
        audiences: ['general', 'policy-makers'],
        followUps: ['imported.qna-1'],
        source: ['cop-facts-raw A1', WEBINAR],
        short: 'Watch the recording',
      },
      {
        id: 'imported.qna-5',
        questions: ['What is Online with Sango?', 'the sango storybook', '"Online with Sango"'],
        answer: '"Online with Sango" is the storybook of the 2020 children\'s guidelines, for children under 9. Parents and teachers are encouraged to read it **with** the child.',
        audiences: ['parents-educators'],
        source: [CHILDREN_PAGE],
        short: 'The storybook',
      },
      {
        id: 'imported.qna-6',
        questions: ['Who organised the launch?'],
        answer: 'ITU, the United Nations agency for digital technologies, organised it.',
        audiences: ['general'],
        source: ['Editorial'],
      },
    ]);
    expect(result.entries.map((e) => [e.qnaId, e.line])).toEqual([[1, 2], [2, 7], [3, 9], [4, 15], [5, 20], [6, 23]]);
    expect(result.notes.map((n) => `${n.line}: ${n.reason}`)).toEqual([
      '7: imported.qna-2 needs 3 more phrasings before kb:check accepts it (at least 5 questions)',
      '20: QnaId 5: audience "journalists" is not one of ours (children, parents-educators, industry, policy-makers, general): ignored',
      '20: imported.qna-5 needs 2 more phrasings before kb:check accepts it (at least 5 questions)',
      '23: QnaId 6: suggested questions (active learning) are not imported; accept them in QnA, or add them as questions yourself',
      '23: imported.qna-6 needs 4 more phrasings before kb:check accepts it (at least 5 questions)',
      '2: metadata "topic" (on 1 pair) has no field in our entries: dropped',
      '9: metadata "category" (on 1 pair) has no field in our entries: dropped',
      '23: 1 pair without audience metadata (QnaId 6): audience set to general',
    ]);
  });

  it('writes a content file that says the same, marks the entries kb:check would still reject, and uses --area for new ids', () => {
    const result = importQnaExport(fixture('cop-export.tsv'), { area: 'faq', file: 'cop-export.tsv' });
    expect(result.entries.map((e) => e.entry.id)).toEqual(['faq.qna-1', 'faq.qna-2', 'faq.qna-3', 'event.recording', 'faq.qna-5', 'faq.qna-6']);
    const yaml = toContentYaml(result.entries, 'cop-export.tsv');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/schema.json');
    expect((parse(yaml) as { entries: ContentEntry[] }).entries).toEqual(result.entries.map((e) => e.entry));
    expect(yaml).toMatch(/# kb:import: needs 3 more phrasings before kb:check accepts it \(at least 5 questions\)\n {2}- id: faq\.qna-2\n/);
    expect(yaml).not.toMatch(/# kb:import:[^\n]*\n {2}- id: faq\.qna-1\n/);
    expect(yaml).toContain('audiences: [children, parents-educators]');
  });

  it('skips bad rows, each with its line and reason, and imports the rest', () => {
    const result = importQnaExport(fixture('odd-rows.tsv'), { area: 'imported', file: 'odd-rows.tsv' });
    expect(result.skipped.map((p) => `${p.file}:${p.line}: ${p.reason}`)).toEqual([
      'odd-rows.tsv:4: has 10 fields where the header has 9 (a tab typed inside a field? QnA writes it as \\t): row skipped',
      'odd-rows.tsv:5: empty question: row skipped',
      'odd-rows.tsv:6: empty answer: row skipped',
      'odd-rows.tsv:7: QnaId "eleven" is not a number: row skipped',
      expect.stringMatching(/^odd-rows\.tsv:8: Prompts is not valid JSON \(.+\): row skipped$/),
      'odd-rows.tsv:9: Answer differs from line 2, the first row of QnaId 10: row skipped',
      'odd-rows.tsv:11: IsContextOnly "perhaps" is not true or false: row skipped',
      'odd-rows.tsv:15: has 8 fields where the header has 9 (a column left out?): row skipped',
    ]);
    expect(result.entries.map((e) => shared(e.entry))).toEqual([
      { id: 'imported.qna-10', questions: ['How do I report abuse material?', 'where to report csam'], answer: 'Report it to your national hotline.', audiences: ['general'], followUps: ['imported.qna-11'], source: ['Editorial'], short: undefined, contextOnly: false },
      { id: 'imported.qna-11', questions: ['Find a hotline'], answer: 'INHOPE lists the hotlines of its members.', audiences: ['general'], followUps: [], source: ['Editorial'], short: undefined, contextOnly: false },
      { id: 'imported.qna-13', questions: ['Edited in Excel'], answer: 'Line one\nLine two with "quotes"\tand a tab', audiences: ['general'], followUps: [], source: ['Editorial'], short: undefined, contextOnly: false },
      { id: 'imported.qna-14', questions: ['Anything else?'], answer: 'Ask me about the guidelines.', audiences: ['children'], followUps: [], source: ['Editorial'], short: undefined, contextOnly: false },
    ]);
    const notes = result.notes.map((n) => `${n.line}: ${n.reason}`);
    expect(notes).toContain('2: QnaId 10: prompt "Gone" goes to QnaId 99, which is not in the file or whose rows were all skipped: follow-up dropped');
    expect(notes).toContain('16: QnaId 14: entry "Not An Id" is not an id like area.topic: a new id is made');
    expect(notes).toContain('16: QnaId 14: audience "martians" is not one of ours (children, parents-educators, industry, policy-makers, general): ignored');
  });

  it('groups the rows of the older four-column format (no QnaId) by answer', () => {
    const text = 'Question\tAnswer\tSource\tMetadata\nHi\tHello!\tchitchat\teditorial:chitchat\nHello\tHello!\tchitchat\teditorial:chitchat\nBye\tGoodbye.\tchitchat\teditorial:chitchat\n';
    const result = importQnaExport(text, { area: 'chat', file: 'chitchat.tsv' });
    expect(result.entries.map((e) => [e.entry.id, e.entry.questions])).toEqual([
      ['chat.qna-1', ['Hi', 'Hello']],
      ['chat.qna-2', ['Bye']],
    ]);
  });

  it('keeps the first claim to an entry id, and gives a made id to a pair that repeats it', () => {
    const row = (q: string, id: number) => `${q}\tAn answer ${id}.\tEditorial\tentry:event.date\t[]\tfalse\t[]\t${id}\tEditorial`;
    const result = importQnaExport(`Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId\tSourceDisplayName\n${row('one', 1)}\n${row('two', 2)}\n`, { area: 'imported', file: 'x.tsv' });
    expect(result.entries.map((e) => e.entry.id)).toEqual(['event.date', 'imported.qna-2']);
    expect(result.notes.map((n) => n.reason)).toContain('QnaId 2: entry "event.date" is already the id of QnaId 1 (line 2): a new id is made');
  });

  it('refuses a file that is not a QnA export', () => {
    const result = importQnaExport('id,question,answer\n1,a,b\n', { area: 'imported', file: 'x.csv' });
    expect(result.entries).toEqual([]);
    expect(result.fatal).toMatch(/^x\.csv: not a QnA export: .*Found: id,question,answer$/);
  });
});

describe('exportQna', () => {
  const kb = loadKnowledgeBase(REAL_KB);
  const exported = exportQna(kb.entries);

  it('writes one row per question, the canonical one first, with the same answer, metadata and prompts on each row of an entry', () => {
    const lines = exported.text.split('\n');
    expect(lines[0]).toBe('Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId\tSourceDisplayName');
    expect(lines.length - 2).toBe(kb.entries.reduce((sum, e) => sum + e.questions.length, 0));
    const date = kb.byId.get('event.date');
    const qnaId = exported.qnaIds.get('event.date');
    const rows = lines.filter((line) => line.split('\t')[7] === String(qnaId)).map((line) => line.split('\t'));
    expect(rows.map((r) => r[0])).toEqual(date?.questions);
    expect(new Set(rows.map((r) => r.slice(1).join('\t'))).size).toBe(1);
    const [, answer, source, metadata, suggested, contextOnly, prompts] = rows[0];
    expect(answer).not.toMatch(/\t/);
    expect(source).toBe(date?.source.join(' | '));
    expect(metadata).toBe(`entry:event.date|audience:${date?.audiences.join(',')}|short:${date?.short}`);
    expect([suggested, contextOnly]).toEqual(['[]', 'false']);
    const time = kb.byId.get('event.time');
    expect(JSON.parse(prompts)).toContainEqual({ displayOrder: 1, qnaId: exported.qnaIds.get('event.time'), displayText: time?.short ?? time?.questions[0] });
    expect([...exported.qnaIds.values()]).toEqual(kb.entries.map((_, i) => i + 1));
  });

  it('says what QnA has no column for', () => {
    expect(exported.notes.join('\n')).toMatch(/answers for particular audiences[\s\S]*tags/);
  });

  it('exports the real knowledge base so that it imports back to the same entries, which the loader accepts and exports byte for byte', () => {
    const imported = importQnaExport(exported.text, { area: 'imported', file: 'cop.tsv' });
    expect(imported.skipped).toEqual([]);
    expect(imported.entries.every((e) => e.gaps.length === 0)).toBe(true);
    expect(imported.entries.map((e) => shared(e.entry))).toEqual(kb.entries.map(shared));

    const copy = kbCopy(REAL_KB);
    try {
      const entries = path.join(copy.folder, 'entries');
      for (const name of readdirSync(entries)) rmSync(path.join(entries, name));
      writeFileSync(path.join(entries, 'imported.yaml'), toContentYaml(imported.entries, 'cop.tsv'));
      const reloaded = loadKnowledgeBase(copy.folder);
      expect(reloaded.entries.map(shared)).toEqual(kb.entries.map(shared));
      expect(exportQna(reloaded.entries).text).toBe(exported.text);
    } finally {
      copy.cleanup();
    }
  });
});

describe('kb:import and kb:export', () => {
  const IMPORT = 'bot/cli/kbImport.ts';
  const EXPORT = 'bot/cli/kbExport.ts';

  it('kb:import writes the entries to --out, lists skipped rows with their line on standard error and exits 0', () => {
    const out = path.join(temp, 'imported.yaml');
    const run = runScript(IMPORT, ['test/fixtures/qna/odd-rows.tsv', '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    for (const line of [4, 5, 6, 7, 8, 9, 11, 15]) expect(run.stderr).toMatch(new RegExp(`^test/fixtures/qna/odd-rows\\.tsv:${line}: .*row skipped$`, 'm'));
    expect(run.stderr).toMatch(/Imported 4 entries \(5 questions\) from 13 rows of test\/fixtures\/qna\/odd-rows\.tsv; skipped 8 rows\. Written to .*imported\.yaml\./);
    expect((parse(readFileSync(out, 'utf8')) as { entries: ContentEntry[] }).entries.map((e) => e.id)).toEqual(['imported.qna-10', 'imported.qna-11', 'imported.qna-13', 'imported.qna-14']);
    expect(readdirSync(temp)).toEqual(['imported.yaml']);
  });

  it('kb:import writes to standard output without --out, with the ids of --area', () => {
    const run = runScript(IMPORT, [path.join(FIXTURES, 'cop-export.tsv'), '--area', 'faq']);
    expect(run.status).toBe(0);
    const expected = importQnaExport(fixture('cop-export.tsv'), { area: 'faq', file: 'cop-export.tsv' });
    expect(run.stdout).toBe(toContentYaml(expected.entries, 'cop-export.tsv'));
  });

  it('kb:import writes nothing when the input cannot be read, or holds nothing to import', () => {
    const out = path.join(temp, 'kept.yaml');
    writeFileSync(out, 'entries: []  # an earlier file\n');
    const missing = runScript(IMPORT, [path.join(temp, 'no-such-export.tsv'), '--out', out]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*no-such-export\.tsv \(ENOENT\): nothing written/);
    expect(readFileSync(out, 'utf8')).toBe('entries: []  # an earlier file\n');

    const fresh = path.join(temp, 'fresh.yaml');
    const folder = runScript(IMPORT, [temp, '--out', fresh]);
    expect(folder.status).toBe(1);
    expect(existsSync(fresh)).toBe(false);

    const headerOnly = path.join(temp, 'empty.tsv');
    writeFileSync(headerOnly, 'Question\tAnswer\tQnaId\n\tno question\t1\n');
    const empty = runScript(IMPORT, [headerOnly, '--out', fresh]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/empty\.tsv:2: empty question: row skipped[\s\S]*nothing could be imported/);
    expect(existsSync(fresh)).toBe(false);
    expect(readdirSync(temp).sort()).toEqual(['empty.tsv', 'kept.yaml']);
  });

  it('kb:import and kb:export exit 2 on bad usage', () => {
    expect(runScript(IMPORT, []).status).toBe(2);
    expect(runScript(IMPORT, ['a.tsv', 'b.tsv']).status).toBe(2);
    const area = runScript(IMPORT, ['test/fixtures/qna/cop-export.tsv', '--area', 'Bad Area']);
    expect([area.status, area.stdout]).toEqual([2, '']);
    expect(area.stderr).toMatch(/--area "Bad Area" must be lower case/);
    expect(runScript(IMPORT, ['test/fixtures/qna/cop-export.tsv', '--colour']).status).toBe(2);
    expect(runScript(EXPORT, []).status).toBe(2);
    expect(runScript(EXPORT, ['out.tsv', '--kb']).status).toBe(2);
  });

  it('kb:export writes the knowledge base as a QnA file, and nothing when the base has problems', () => {
    const out = path.join(temp, 'cop.tsv');
    const run = runScript(EXPORT, [out]);
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exportQna(loadKnowledgeBase(REAL_KB).entries).text);
    expect(run.stderr).toMatch(/^Exported \d+ entries \(\d+ rows, QnaId 1 to \d+\) to .*cop\.tsv\.$/m);

    const broken = kbCopy(REAL_KB, { 'entries/zz-broken.yaml': 'entries:\n  - id: Not valid\n' });
    try {
      const failed = runScript(EXPORT, [path.join(temp, 'never.tsv'), '--kb', broken.folder]);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toMatch(/zz-broken\.yaml:\d+: /);
      expect(existsSync(path.join(temp, 'never.tsv'))).toBe(false);
    } finally {
      broken.cleanup();
    }
  });

  it('kb:export then kb:import gives the knowledge base back', () => {
    const tsv = path.join(temp, 'cop.tsv');
    expect(runScript(EXPORT, [tsv]).status).toBe(0);
    const run = runScript(IMPORT, [tsv, '--out', path.join(temp, 'cop.yaml')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/skipped 0 rows\. Written to/);
    const entries = (parse(readFileSync(path.join(temp, 'cop.yaml'), 'utf8')) as { entries: ContentEntry[] }).entries;
    expect(entries.map(shared)).toEqual(loadKnowledgeBase(REAL_KB).entries.map(shared));
  });
});

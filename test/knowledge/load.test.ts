import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeError } from '../../knowledge/errors';
import { loadKnowledgeBase } from '../../knowledge/load';
import { kbCopy, REAL_KB, SMALL_KB } from '../helpers/kbFolder';

function problemsIn(folder: string): { file: string; line: number; reason: string }[] {
  try {
    loadKnowledgeBase(folder);
  } catch (error) {
    if (error instanceof KnowledgeError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the knowledge base to be rejected');
}

function problemsOf(files: Record<string, string>): { file: string; line: number; reason: string }[] {
  const kb = kbCopy(SMALL_KB, files);
  try {
    return problemsIn(kb.folder);
  } finally {
    kb.cleanup();
  }
}

const ENTRY = (id: string, extra = '') => `  - id: ${id}
    questions: [First question about ${id}?, second way to ask ${id}, third way to ask ${id}, fourth way to ask ${id}, fifth way to ask ${id}]
    answer: The answer for ${id}.
    audiences: [general]
    source: [test]
${extra}`;

describe('loadKnowledgeBase', () => {
  it('loads a valid folder with its entries, lexicon, topics and a version', () => {
    const kb = loadKnowledgeBase(SMALL_KB);
    expect(kb.entries.map((e) => e.id)).toEqual(['fruit.apple-colour', 'fruit.apple-taste', 'fruit.pear-colour', 'fruit.pear-taste', 'fruit.secret']);
    const apple = kb.byId.get('fruit.apple-colour');
    expect(apple).toMatchObject({ area: 'fruit', short: 'Apple colours', followUps: ['fruit.apple-taste'], contextOnly: false });
    expect(apple?.answers.children).toBe('Apples can be red, green or yellow!');
    expect(apple?.origin).toEqual({ file: 'test/fixtures/kb-small/entries/sample.yaml', line: 3 });
    expect(kb.byId.get('fruit.secret')?.contextOnly).toBe(true);
    expect(kb.topics).toEqual([{ label: 'Apples', entryId: 'fruit.apple-colour' }, { label: 'Pears', entryId: 'fruit.pear-colour' }]);
    expect(kb.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('names files from the project folder, or from the parent of a knowledge folder outside it', () => {
    const copy = kbCopy(SMALL_KB);
    try {
      const outside = loadKnowledgeBase(copy.folder).byId.get('fruit.apple-colour')?.origin.file;
      expect(outside).toBe(path.join(path.basename(copy.folder), 'entries', 'sample.yaml'));
    } finally {
      copy.cleanup();
    }
    expect(loadKnowledgeBase(REAL_KB).byId.get('event.date')?.origin.file).toBe(path.join('knowledge', 'content', 'entries', 'event.yaml'));
  });

  it('says when the entries folder is missing or empty', () => {
    const copy = kbCopy(SMALL_KB);
    try {
      rmSync(path.join(copy.folder, 'entries', 'sample.yaml'));
      expect(problemsIn(copy.folder)).toContainEqual({ file: path.join(path.basename(copy.folder), 'entries'), line: 0, reason: 'no .yaml files: the knowledge base would be empty' });
      rmSync(path.join(copy.folder, 'entries'), { recursive: true });
      expect(problemsIn(copy.folder)).toEqual([{ file: path.join(copy.folder, 'entries'), line: 0, reason: 'the entries folder cannot be read' }]);
    } finally {
      copy.cleanup();
    }
  });

  it('loads the real knowledge base', () => {
    const kb = loadKnowledgeBase(REAL_KB);
    expect(kb.entries.length).toBeGreaterThanOrEqual(20);
    expect(kb.byId.get('event.date')?.answer).toContain('24 June 2020');
  });

  it('gives the same version for the same files and another one after an edit', () => {
    const same = kbCopy(SMALL_KB);
    const edited = kbCopy(SMALL_KB, { 'synonyms.yaml': 'synonyms: {}\nstopWords: [the]\n' });
    try {
      expect(loadKnowledgeBase(same.folder).version).toBe(loadKnowledgeBase(SMALL_KB).version);
      expect(loadKnowledgeBase(edited.folder).version).not.toBe(loadKnowledgeBase(SMALL_KB).version);
    } finally {
      same.cleanup();
      edited.cleanup();
    }
  });

  it('names the file and line of invalid YAML', () => {
    const problems = problemsOf({ 'entries/broken.yaml': `entries:\n${ENTRY('x.one')}  - id: x.two\n    questions: [unclosed\n` });
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toMatch(/entries\/broken\.yaml$/);
    expect(problems[0].reason).toMatch(/^invalid YAML/);
    expect(problems[0].line).toBeGreaterThanOrEqual(7);
  });

  it('rejects a key given twice in one mapping', () => {
    const problems = problemsOf({ 'entries/twice.yaml': `entries:\n${ENTRY('x.one', '    answer: Again.\n')}` });
    expect(problems[0]).toMatchObject({ line: 7 });
    expect(problems[0].reason).toMatch(/invalid YAML.*unique/i);
  });

  it('names an unknown field at its own line', () => {
    const problems = problemsOf({ 'entries/extra.yaml': `entries:\n${ENTRY('x.one', '    answr: typo\n')}` });
    expect(problems).toEqual([{ file: expect.stringMatching(/extra\.yaml$/), line: 7, reason: 'unknown field "answr" in entries[0]' }]);
  });

  it('names a missing field at the entry', () => {
    const text = `entries:\n  - id: x.one\n    questions: [a one, b two, c three, d four, e five]\n    audiences: [general]\n    source: [test]\n`;
    expect(problemsOf({ 'entries/missing.yaml': text })).toEqual([{ file: expect.stringMatching(/missing\.yaml$/), line: 2, reason: 'missing required field "answer" in entries[0]' }]);
  });

  it('names wrong types, too few questions, a bad id and an unknown audience', () => {
    const text = `entries:
  - id: NotAnId
    questions: [only one]
    answer: [a list]
    audiences: [kids]
    source: [test]
`;
    const reasons = problemsOf({ 'entries/types.yaml': text }).map((p) => `${p.line}: ${p.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        '2: "entries[0].id" must look like area.topic (lower case letters, digits and hyphens), e.g. event.date',
        '3: "entries[0].questions" needs at least 5 items',
        '4: "entries[0].answer" must be a string',
        '5: "entries[0].audiences[0]" must be one of: children, parents-educators, industry, policy-makers, general',
      ]),
    );
  });

  it('rejects answers too long to read in chat, at the line of the answer', () => {
    const long = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const text = `entries:\n${ENTRY('x.long')}    answers:\n      children: ${long(61)}\n      industry: ${long(120)}\n  - id: x.longer\n    questions: [q one, q two, q three, q four, q five]\n    answer: ${long(121)}\n    audiences: [general]\n    source: [test]\n`;
    expect(problemsOf({ 'entries/long.yaml': text }).map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '8: entry "x.long": answers.children has 61 words; at most 60 read well in chat',
      '12: entry "x.longer": answer has 121 words; at most 120 read well in chat',
    ]);
  });

  it('checks audiences.yaml and flows: ids that name no entry, a flow file that does not match, a role of two audiences', () => {
    const flow = `id: not-the-file-name
audience: general
title: A flow
intro: Hello.
steps:
  - id: one
    entry: fruit.plum
    options: [{ label: Next }]
  - id: two
    ask: Which?
    options: [{ label: A, ageBand: teenage }, { label: a }]
summary: { intro: Done., outro: Bye. }
source: [test]
`;
    const audiences = readFileSync(path.join(SMALL_KB, 'audiences.yaml'), 'utf8')
      .replace('menu: [fruit.apple-colour, fruit.apple-taste]', 'menu: [fruit.apple-colour, fruit.kiwi]')
      .replace('roles: [grocer]', 'roles: [grocer, Parent]')
      .replace('    greeting: Hello. Ask me anything about fruit.', '    greeting: Hello. Ask me anything about fruit.\n    flow: missing-flow');
    const reasons = problemsOf({ 'audiences.yaml': audiences, 'flows/quiz.yaml': flow }).map((p) => `${p.file.split('/').slice(-2).join('/')}:${p.line}: ${p.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'flows/quiz.yaml:1: flow id "not-the-file-name" must match the file name ("quiz")',
        expect.stringMatching(/^flows\/quiz\.yaml:\d+: flow "not-the-file-name", step "one": "fruit.plum" is not the id of any entry$/),
        expect.stringMatching(/^flows\/quiz\.yaml:\d+: flow "not-the-file-name", step "two": two options are labelled "a"$/),
        expect.stringMatching(/flow "not-the-file-name", step "two": "teenage" is not an age band of audiences\.yaml$/),
        expect.stringMatching(/^[^:]+audiences\.yaml:\d+: the children menu: "fruit.kiwi" is not the id of any entry$/),
        expect.stringMatching(/audiences\.yaml:\d+: role "parent" is listed for both parents-educators and industry$/),
        expect.stringMatching(/audiences\.yaml:\d+: the general flow "missing-flow" has no file flows\/missing-flow\.yaml$/),
      ]),
    );
  });

  it('rejects duplicate ids across files, pointing at both places', () => {
    const problems = problemsOf({ 'entries/zz-dupe.yaml': `entries:\n${ENTRY('fruit.apple-taste')}` });
    expect(problems).toEqual([
      { file: expect.stringMatching(/zz-dupe\.yaml$/), line: 2, reason: expect.stringMatching(/^duplicate id "fruit.apple-taste" \(first defined at .*\/entries\/sample\.yaml:17\)$/) },
    ]);
  });

  it('rejects follow-ups to unknown ids at the line of the follow-up', () => {
    const problems = problemsOf({ 'entries/follow.yaml': `entries:\n${ENTRY('x.one', '    followUps:\n      - fruit.apple-taste\n      - fruit.banana\n')}` });
    expect(problems).toEqual([{ file: expect.stringMatching(/follow\.yaml$/), line: 9, reason: 'entry "x.one": follow-up "fruit.banana" is not the id of any entry' }]);
  });

  it('rejects topics and examples that name no entry', () => {
    const problems = problemsOf({ 'topics.yaml': 'topics:\n  - label: Plums\n    entry: fruit.plum\nexamples: [fruit.kiwi]\n' });
    expect(problems.map((p) => `${p.file.split('/').pop()}:${p.line}: ${p.reason}`)).toEqual([
      'topics.yaml:3: topic "Plums": "fruit.plum" is not the id of any entry',
      'topics.yaml:4: example "fruit.kiwi" is not the id of any entry',
    ]);
  });

  it('rejects two entries sharing a question once normalised', () => {
    const problems = problemsOf({ 'entries/zz-same.yaml': `entries:\n  - id: x.one\n    questions: [What COLOR are apples!, a b c d, e f g h, i j k l, m n o p]\n    answer: x\n    audiences: [general]\n    source: [t]\n` });
    expect(problems[0].reason).toBe('entry "x.one": question "What COLOR are apples!" is the same, once normalised, as a question of "fruit.apple-colour"');
  });

  it('merges the training phrasings of every training file per entry, with the out-of-scope ones', () => {
    const copy = kbCopy(SMALL_KB, {
      'training/a.yaml': 'provenance: test\nexamples:\n  fruit.apple-colour: ["what shade is an apple"]\noutOfScope: ["fix my car"]\n',
      'training/b.yaml': 'provenance: test\nexamples:\n  fruit.apple-colour: ["are apples red"]\n',
    });
    try {
      const { training } = loadKnowledgeBase(copy.folder);
      expect(training.examples.get('fruit.apple-colour')).toEqual(['what shade is an apple', 'are apples red']);
      expect(training.outOfScope).toEqual(['fix my car']);
    } finally {
      copy.cleanup();
    }
  });

  it('rejects training phrasings for an id that is no entry, at its line, and a training file without provenance', () => {
    const problems = problemsOf({ 'training/a.yaml': 'provenance: test\nexamples:\n  fruit.apple-colour: ["ok"]\n  fruit.nothing: ["what"]\n', 'training/b.yaml': 'examples: {}\n' });
    expect(problems.map((p) => `${p.file.split('/').pop()}:${p.line}: ${p.reason}`)).toEqual(['b.yaml:1: missing required field "provenance"', 'a.yaml:4: "fruit.nothing" is not the id of any entry']);
  });

  it('rejects a concept instance of several words, and one listed under two concepts', () => {
    const synonyms = 'synonyms:\n  smart-speaker: [smart speaker]\nstopWords: [the]\nconcepts:\n  devices: [smart speaker, alexa, echo dot]\n  assistants: [alexa]\n';
    expect(problemsOf({ 'synonyms.yaml': synonyms }).map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '5: concept "devices": "echo dot" is several words; make it one with a synonym (smart-speaker: [smart speaker])',
      '6: "alexa" is listed under both concepts "devices" and "assistants"',
    ]);
  });

  it('reports every problem of every file at once', () => {
    const problems = problemsOf({
      'entries/one.yaml': `entries:\n${ENTRY('x.one', '    answr: typo\n')}`,
      'entries/two.yaml': 'entries: [\n',
      'synonyms.yaml': 'synonyms: {}\n',
    });
    const files = new Set(problems.map((p) => p.file.split('/').pop()));
    expect(files).toEqual(new Set(['one.yaml', 'two.yaml', 'synonyms.yaml']));
    expect(problems.find((p) => p.file.endsWith('synonyms.yaml'))?.reason).toBe('missing required field "stopWords"');
  });
});

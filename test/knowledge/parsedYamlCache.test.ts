import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/load';
import { ParsedYamlCache } from '../../knowledge/parsedYamlCache';
import { readCheckedYaml } from '../../knowledge/yamlFile';
import { kbCopy, REAL_KB } from '../helpers/kbFolder';

const schema = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'string' } }, weight: { type: 'number' } }, additionalProperties: false };
const text = 'items:\n  - one\n  - two\n  - three\n';

let folder: string;
let cache: ParsedYamlCache;
beforeEach(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'cop-parsed-'));
  cache = new ParsedYamlCache(folder);
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const kept = () => readdirSync(folder).filter((name) => name.endsWith('.json'));

describe('ParsedYamlCache: a valid file is parsed once, then read as JSON', () => {
  it('serves the same data and the same lines from the cache as from parsing', () => {
    const first = readCheckedYaml<{ items: string[] }>(text, 'f.yaml', schema, cache);
    expect(kept()).toHaveLength(1);
    const second = readCheckedYaml<{ items: string[] }>(text, 'f.yaml', schema, cache);
    if ('problems' in first || 'problems' in second) throw new Error('the file is valid');
    expect(second.data).toEqual({ items: ['one', 'two', 'three'] });
    expect(second.data).toEqual(first.data);
    expect(second.lineOf(['items', 2])).toBe(4);
    expect(second.lineOf(['items', 2])).toBe(first.lineOf(['items', 2]));
  });

  it('never serves an edited file its old data, nor a file checked against another schema', () => {
    readCheckedYaml(text, 'f.yaml', schema, cache);
    const edited = readCheckedYaml<{ items: string[] }>(text.replace('two', 'deux'), 'f.yaml', schema, cache);
    expect('problems' in edited ? edited.problems : edited.data.items).toEqual(['one', 'deux', 'three']);
    const stricter = readCheckedYaml(text, 'f.yaml', { ...schema, properties: { ...schema.properties, items: { type: 'array', maxItems: 2 } } }, cache);
    expect('problems' in stricter ? stricter.problems : []).toEqual([{ file: 'f.yaml', line: 2, reason: '"items" may have at most 2 items' }]);
  });

  it('keeps nothing of an invalid file: its problems are found on every read', () => {
    for (let read = 0; read < 2; read++) {
      const result = readCheckedYaml('items:\n  - one\n  - two: [three\n', 'bad.yaml', schema, cache);
      expect('problems' in result && result.problems[0]).toMatchObject({ file: 'bad.yaml', reason: expect.stringMatching(/^invalid YAML/) });
      expect(readCheckedYaml('items: 3\n', 'bad.yaml', schema, cache)).toEqual({ problems: [{ file: 'bad.yaml', line: 1, reason: '"items" must be a list' }] });
    }
    expect(kept()).toEqual([]);
  });

  it('keeps nothing JSON cannot give back as it was (.inf, where a schema lets any value through)', () => {
    const result = readCheckedYaml<{ weight: number }>('weight: .inf\n', 'f.yaml', { type: 'object' }, cache);
    expect('problems' in result ? undefined : result.data.weight).toBe(Infinity);
    expect(kept()).toEqual([]);
  });

  it('only loads slower when its folder cannot be written', () => {
    // A folder inside a file cannot be made, even by root.
    const aFile = path.join(folder, 'a-file');
    writeFileSync(aFile, '');
    const blocked = new ParsedYamlCache(path.join(aFile, 'inside'));
    for (let read = 0; read < 2; read++) {
      const result = readCheckedYaml<{ items: string[] }>(text, 'f.yaml', schema, blocked);
      expect('problems' in result ? undefined : result.data.items).toEqual(['one', 'two', 'three']);
    }
  });

  it('forgets the oldest files beyond the number it keeps', () => {
    const small = new ParsedYamlCache(folder, 3);
    for (let i = 0; i < 52; i++) readCheckedYaml(`items: [v${i}]\n`, 'f.yaml', schema, small);
    // Pruned on the first write and every 50th after it: at most 3, plus the one written since.
    expect(kept().length).toBeLessThanOrEqual(4);
  });

  it('loads the real knowledge base to the same result with and without the cache', () => {
    const copy = kbCopy(REAL_KB);
    try {
      const plain = loadKnowledgeBase(copy.folder, null);
      loadKnowledgeBase(copy.folder, cache);
      const cached = loadKnowledgeBase(copy.folder, cache);
      expect(kept().length).toBeGreaterThan(20);
      expect({ ...cached, loadedAt: 0 }).toEqual({ ...plain, loadedAt: 0 });
    } finally {
      copy.cleanup();
    }
  });
});

describe('loading with the cache, after an edit', () => {
  it('names the file and line of a broken edit of a file read from the cache before', () => {
    const copy = kbCopy(REAL_KB);
    try {
      loadKnowledgeBase(copy.folder, cache);
      const file = path.join(copy.folder, 'topics.yaml');
      writeFileSync(file, 'topics:\n  - label: x\n    entry: no.such-entry\nexamples:\n  - event.date\n');
      expect(() => loadKnowledgeBase(copy.folder, cache)).toThrow(/topics\.yaml:3.*"no\.such-entry" is not the id of any entry/s);
    } finally {
      copy.cleanup();
    }
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IntentModel, OUT_OF_SCOPE } from '../../knowledge/intentModel';
import { trainedModelFor, trainedSafetyModelFor, trainingExamples } from '../../knowledge/intentTraining';
import { loadKnowledgeBase } from '../../knowledge/load';
import { kbCopy, SMALL_KB } from '../helpers/kbFolder';

const TRAINING = `provenance: written for this test
examples:
  fruit.apple-colour:
    - "are apples always red"
    - "what shade is an apple"
outOfScope:
  - "how do i fix my car"
`;

describe('trainingExamples', () => {
  it("teaches each reachable entry its questions and training phrasings, and the none class the out-of-scope ones", () => {
    const copy = kbCopy(SMALL_KB, { 'training/fruit.yaml': TRAINING });
    try {
      const kb = loadKnowledgeBase(copy.folder);
      const examples = trainingExamples(kb);
      const apple = kb.byId.get('fruit.apple-colour');
      expect(examples.filter((e) => e.label === 'fruit.apple-colour').map((e) => e.text)).toEqual([...(apple?.questions ?? []), 'are apples always red', 'what shade is an apple']);
      expect(examples.filter((e) => e.label === OUT_OF_SCOPE).map((e) => e.text)).toEqual(['how do i fix my car']);
      const contextOnly = kb.entries.filter((entry) => entry.contextOnly).map((entry) => entry.id);
      expect(examples.some((e) => contextOnly.includes(e.label))).toBe(false);
    } finally {
      copy.cleanup();
    }
  });
});

describe('trainedModelFor: a model per content, cached on disk', () => {
  const kb = loadKnowledgeBase(SMALL_KB);
  let cache: string;
  beforeEach(() => (cache = mkdtempSync(path.join(tmpdir(), 'cop-models-'))));
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  it('trains once, then reads the same model back from the cache', () => {
    const trained = trainedModelFor(kb, undefined, cache);
    expect(readdirSync(cache)).toHaveLength(1);
    const read = trainedModelFor(kb, undefined, cache);
    expect(read).toEqual(trained);
    expect(new IntentModel(read, kb.lexicon).classify('apple colours')).toEqual(new IntentModel(trained, kb.lexicon).classify('apple colours'));
  });

  it('trains again, and replaces the file, when the cached one is damaged', () => {
    const trained = trainedModelFor(kb, undefined, cache);
    const [file] = readdirSync(cache);
    writeFileSync(path.join(cache, file), 'not a model');
    expect(trainedModelFor(kb, undefined, cache)).toEqual(trained);
    expect(trainedModelFor(kb, undefined, cache)).toEqual(trained);
  });

  it('keeps a separate model for other content or other settings, and only the newest few', () => {
    const settings = { epochs: 1, learningRate: 1, l2: 0, seed: 1, orders: 1 };
    for (let seed = 1; seed <= 9; seed++) trainedModelFor(kb, { ...settings, seed }, cache);
    expect(readdirSync(cache).length).toBe(6);
  });

  it('still gives a model when the cache folder cannot be written', () => {
    const blocked = path.join(cache, 'a-file');
    writeFileSync(blocked, '');
    expect(trainedModelFor(kb, undefined, path.join(blocked, 'models')).labels.length).toBeGreaterThan(1);
  });
});

describe('trainedSafetyModelFor: the safety classifier, cached by what it learns from', () => {
  let cache: string;
  beforeEach(() => (cache = mkdtempSync(path.join(tmpdir(), 'cop-models-'))));
  afterEach(() => rmSync(cache, { recursive: true, force: true }));
  const safetyModels = () => readdirSync(cache).filter((name) => name.startsWith('safety-'));

  it('is read back from the cache after an answer is edited, and trained again when a question is', () => {
    const copy = kbCopy(SMALL_KB);
    const file = path.join(copy.folder, 'entries', 'sample.yaml');
    try {
      const first = trainedSafetyModelFor(loadKnowledgeBase(copy.folder), undefined, cache);
      writeFileSync(file, readFileSync(file, 'utf8').replace('Apples can be red, green or yellow!', 'Apples can be red, green or yellow, and sometimes pink!'));
      expect(trainedSafetyModelFor(loadKnowledgeBase(copy.folder), undefined, cache)).toEqual(first);
      expect(safetyModels()).toHaveLength(1);
      writeFileSync(file, readFileSync(file, 'utf8').replace('What colour are apples?', 'What colour is an apple?'));
      trainedSafetyModelFor(loadKnowledgeBase(copy.folder), undefined, cache);
      expect(safetyModels()).toHaveLength(2);
    } finally {
      copy.cleanup();
    }
  });
});

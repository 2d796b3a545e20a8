import { loadKnowledgeBase } from '../../knowledge/load';
import { foldText } from '../../knowledge/normalise';
import { DEFAULT_SEARCH_SETTINGS, KnowledgeSearch } from '../../knowledge/search';
import { kbCopy, REAL_KB, SMALL_KB } from '../helpers/kbFolder';

/** Questions the search must answer, and how each was written: 'paraphrased' and 'misspelt' ones must not be an entry's own question. */
const CASES: [kind: 'exact' | 'paraphrased' | 'misspelt', question: string, id: string][] = [
  ['exact', 'When was the COP guidelines launch event?', 'event.date'],
  ['exact', 'launch date?', 'event.date'],
  ['exact', 'On what date were the 2020 COP Guidelines launched?', 'event.date'],
  ['paraphrased', 'on which day were the guidelines launched', 'event.date'],
  ['paraphrased', 'who opened the launch event', 'event.opening'],
  ['paraphrased', 'what time did it start', 'event.time'],
  ['paraphrased', 'is there a website where I can read the guidelines', 'guidelines.where'],
  ['paraphrased', 'who was the host of the launch panel', 'event.moderator'],
  ['paraphrased', 'is there a recording I can watch', 'event.recording'],
  ['misspelt', 'wen was the lanch?', 'event.date'],
  ['misspelt', 'who was the modrator of the lanch', 'event.moderator'],
  ['misspelt', 'whats new in the guidlines', 'guidelines.whats-new'],
];

describe('KnowledgeSearch on the real knowledge base', () => {
  const kb = loadKnowledgeBase(REAL_KB);
  const search = new KnowledgeSearch(kb);

  it.each(CASES)('answers the %s question %p with %s', (_kind, question, id) => {
    const result = search.search(question);
    expect(result.outcome).toBe('answer');
    expect(result.candidates[0].entry.id).toBe(id);
  });

  it("tests paraphrased and misspelt questions that are not literally an entry's own question", () => {
    // Lower case, punctuation dropped (foldText), so "Who was the moderator?" and "who was the moderator" are the same.
    const entryQuestions = new Map(kb.entries.flatMap((entry) => entry.questions.map((q) => [foldText(q), entry.id] as const)));
    const literal = CASES.filter(([kind]) => kind !== 'exact')
      .filter(([, question]) => entryQuestions.has(foldText(question)))
      .map(([kind, question]) => `${kind} ${JSON.stringify(question)} is a question of ${entryQuestions.get(foldText(question))}`);
    expect(literal).toEqual([]);
  });

  it.each(['what is the capital of France', 'how do I bake bread', 'asdfghjkl', 'who won the football match yesterday'])('falls back on the unrelated %p', (question) => {
    expect(search.search(question).outcome).toBe('fallback');
  });

  it.each(['launch?', 'the guidelines'])('asks which topic is meant for the vague %p', (question) => {
    const result = search.search(question);
    expect(result.outcome).toBe('clarify');
    expect(result.candidates.length).toBeGreaterThan(1);
  });

  it('falls back on a message with no searchable words', () => {
    expect(search.search('the of and?!')).toMatchObject({ outcome: 'fallback', candidates: [], normalised: '' });
  });

  it('gives confidences in [0, 1], best first', () => {
    const { candidates } = search.search('who spoke at the launch of the guidelines');
    expect(candidates.length).toBeGreaterThan(1);
    for (const [i, c] of candidates.entries()) {
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      if (i > 0) expect(c.confidence).toBeLessThanOrEqual(candidates[i - 1].confidence);
    }
  });
});

describe('KnowledgeSearch decisions', () => {
  const kb = loadKnowledgeBase(SMALL_KB);
  const search = new KnowledgeSearch(kb);

  it('asks which was meant when two entries fit equally well', () => {
    const result = search.search('colours?');
    expect(result.outcome).toBe('clarify');
    expect(result.candidates.map((c) => c.entry.id).sort()).toEqual(['fruit.apple-colour', 'fruit.pear-colour']);
  });

  it('answers when one entry clearly fits better', () => {
    const result = search.search('the colour of a pear');
    expect(result.outcome).toBe('answer');
    expect(result.candidates[0].entry.id).toBe('fruit.pear-colour');
  });

  it('applies synonyms and spelling variants', () => {
    expect(search.search('what COLOR are the apples').candidates[0].entry.id).toBe('fruit.apple-colour');
    expect(search.search('pear colors').outcome).toBe('answer');
  });

  it('never finds a context-only entry from free text', () => {
    const result = search.search('What is the secret fruit fact?');
    expect(result.candidates.map((c) => c.entry.id)).not.toContain('fruit.secret');
  });

  it("boosts entries meant for the user's audience", () => {
    const plain = search.search('colours?');
    const forChild = search.search('colours?', 'children');
    const apple = (r: typeof plain) => r.candidates.find((c) => c.entry.id === 'fruit.apple-colour')?.confidence ?? 0;
    expect(apple(forChild)).toBeCloseTo(Math.min(1, apple(plain) + DEFAULT_SEARCH_SETTINGS.audienceBoost), 5);
  });

  it('takes its thresholds from the settings', () => {
    const strict = new KnowledgeSearch(kb, { ...DEFAULT_SEARCH_SETTINGS, answerThreshold: 0.99, clarifyThreshold: 0.98 });
    expect(strict.search('which colours do apples have').outcome).toBe('fallback');
    expect(strict.search('apple colour').outcome).toBe('answer');
  });
});

describe('KnowledgeSearch with the learned model', () => {
  const copy = kbCopy(SMALL_KB, {
    'training/fruit.yaml': `provenance: written for this test
examples:
  fruit.apple-colour:
    - "is a granny smith green"
    - "granny smith shade"
    - "are granny smiths ever red"
    - "granny smith look"
outOfScope:
  - "how do i fix my car engine"
  - "car repair shop near me"
  - "my car will not start"
  - "engine oil for my car"
`,
  });
  afterAll(() => copy.cleanup());
  const kb = loadKnowledgeBase(copy.folder);

  it("finds an entry from phrasings only its training knows, sharing no word with its questions", () => {
    const result = new KnowledgeSearch(kb).search('what shade is a granny smith');
    expect(result.candidates[0].entry.id).toBe('fruit.apple-colour');
    expect(result.candidates[0].probability).toBeGreaterThan(0.5);
    expect(result.outcome).not.toBe('fallback');
  });

  it('blends the model in by its weight: without it, that phrasing is out of reach', () => {
    const withoutModel = new KnowledgeSearch(kb, { ...DEFAULT_SEARCH_SETTINGS, modelWeight: 0 });
    expect(withoutModel.search('what shade is a granny smith').outcome).toBe('fallback');
  });

  it('says it does not know when the model is sure the question is none of its business, whatever words it shares', () => {
    // Half the words are an entry's, half the out-of-scope examples': the model gives "none of them" about 0.4.
    const question = 'apple colour car engine';
    const vetoed = new KnowledgeSearch(kb, { ...DEFAULT_SEARCH_SETTINGS, outOfScopeVeto: 0.3 }).search(question);
    expect(vetoed.outcome).toBe('fallback');
    const noVeto = new KnowledgeSearch(kb, { ...DEFAULT_SEARCH_SETTINGS, outOfScopeVeto: 1 }).search(question);
    expect(noVeto.outcome).not.toBe('fallback');
  });
});

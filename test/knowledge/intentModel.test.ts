import { DEFAULT_TRAINING, featuresOf, IntentModel, intentFeatures, OUT_OF_SCOPE, type LabelledText } from '../../knowledge/intentModel';
import type { Lexicon } from '../../knowledge/normalise';

const lexicon: Lexicon = { synonyms: new Map([['kids', 'child']]), stopWords: new Set(['the', 'is', 'a', 'i', 'my', 'do', 'can']) };

const examples: LabelledText[] = [
  ...['when was the launch', 'launch date', 'what day did it launch', 'date of the launch event', 'which day was the event held'].map((text) => ({ text, label: 'event.date' })),
  ...['can i watch the recording', 'is there a video of the event', 'replay of the webinar', 'where can i watch it again', 'recording of the launch'].map((text) => ({ text, label: 'event.recording' })),
  ...['are parental controls useful', 'how do i block apps for my kids', 'filters for children', 'should i use filtering software', 'restrict what my child sees'].map((text) => ({ text, label: 'parents.controls' })),
  ...['weather tomorrow', 'best pizza recipe', 'who won the football', 'fix my car engine', 'capital of france'].map((text) => ({ text, label: OUT_OF_SCOPE })),
];

describe('intentFeatures', () => {
  it('reads a text as the search does (synonyms, stop words, stems) and adds each pair of neighbouring stems', () => {
    expect(intentFeatures('Is the launch date fixed for kids?', lexicon)).toEqual(['w:launch', 'w:date', 'b:launch date', 'w:fix', 'b:date fix', 'w:for', 'b:fix for', 'w:child', 'b:for child']);
  });

  it('counts each feature once', () => {
    expect(featuresOf([{ word: 'launch', stem: 'launch' }, { word: 'launch', stem: 'launch' }])).toEqual(['w:launch', 'b:launch launch']);
  });
});

describe('IntentModel', () => {
  const model = IntentModel.train(examples, lexicon);

  it('learns which entry a phrasing it never saw means, from the words its examples use', () => {
    expect(model.classify('on what date was the launch')[0].label).toBe('event.date');
    expect(model.classify('is a recording available to watch')[0].label).toBe('event.recording');
    expect(model.classify('block websites for my child')[0].label).toBe('parents.controls');
  });

  it('learns what is out of scope from the examples of the "none" class', () => {
    expect(model.classify('pizza recipe for tomorrow')[0].label).toBe(OUT_OF_SCOPE);
  });

  it('gives probabilities that sum to 1, best first, and nothing for a text with no known feature', () => {
    const scores = model.classify('launch recording');
    expect(scores.reduce((sum, s) => sum + s.probability, 0)).toBeCloseTo(1, 5);
    expect(scores.map((s) => s.probability)).toEqual([...scores.map((s) => s.probability)].sort((a, b) => b - a));
    expect(model.classify('zzz qqq')).toEqual([]);
  });

  it('trains the same weights from the same examples', () => {
    expect(IntentModel.train(examples, lexicon).toData()).toEqual(model.toData());
  });

  it('can average its weights over several example orders, each trained as a single order with the next seed', () => {
    const single = (seed: number) => IntentModel.train(examples, lexicon, { ...DEFAULT_TRAINING, seed }).toData();
    const [first, second] = [single(DEFAULT_TRAINING.seed), single(DEFAULT_TRAINING.seed + 1)];
    expect(first.bias).not.toEqual(second.bias);
    const averaged = IntentModel.train(examples, lexicon, { ...DEFAULT_TRAINING, orders: 2 });
    const expected = first.bias.map((b, c) => (b + second.bias[c]) / 2);
    averaged.toData().bias.forEach((b, c) => expect(b).toBeCloseTo(expected[c], 5));
    expect(averaged.classify('what day was the launch')[0].label).toBe('event.date');
  });

  it('keeps weights only for the entries a feature was seen with or confused with: sparse when there are many', () => {
    const many = Array.from({ length: 40 }, (_, i) => [`guideline topic${i} question`, `topic${i} details please`, `more on topic${i}`].map((text) => ({ text, label: `area.t${i}` }))).flat();
    const data = IntentModel.train(many, lexicon).toData();
    expect(data.rowStart).toHaveLength(data.features.length + 1);
    expect(data.values.length).toBeLessThan((data.features.length * data.labels.length) / 2);
  });

  it('scores a question once and answers for its first few classes and any one class, as the full ranking does', () => {
    const terms = [{ word: 'launch', stem: 'launch' }, { word: 'recording', stem: 'record' }];
    const ranking = model.classifyTerms(terms);
    const scores = model.scoreTerms(terms);
    expect(scores?.best(2)).toEqual(ranking.slice(0, 2));
    for (const { label, probability } of ranking) expect(scores?.probabilityOf(label)).toBe(probability);
    expect(scores?.probabilityOf('no.such-entry')).toBe(0);
    expect(model.scoreTerms([{ word: 'zzz', stem: 'zzz' }])).toBeUndefined();
  });

  it('is the same model when rebuilt from its plain arrays (as a cache or another thread hands it over)', () => {
    const rebuilt = new IntentModel(structuredClone(model.toData()), lexicon);
    expect(rebuilt.classify('when was the launch')).toEqual(model.classify('when was the launch'));
  });
});

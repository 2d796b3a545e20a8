import { loadKnowledgeBase } from '../../knowledge/load';
import { detectDisclosure } from '../../knowledge/safety';
import { CONCERN, ORDINARY, safetyExamples, SafetyDetector, safetyFeatures, SafetyModel, sentencesOf, trainSafetyModel } from '../../knowledge/safetyModel';
import { kbCopy, SMALL_KB } from '../helpers/kbFolder';
import { SMALL_SAFETY_CORPUS as CORPUS } from '../helpers/safetyCorpus';

describe('the safety classifier', () => {
  const copy = kbCopy(SMALL_KB, { 'safety-training/test.yaml': CORPUS });
  const kb = loadKnowledgeBase(copy.folder);
  afterAll(() => copy.cleanup());

  it('keeps the little words the search drops, after texting spellings: "he asked me 2 send" is not "send"', () => {
    const features = safetyFeatures('He asked me 2 send pics', kb.safety.lexicon);
    expect(features).toEqual(expect.arrayContaining(['w:he', 'w:me', 'w:to', 'b:ask me', 'b:me to']));
  });

  it('learns the corpus by class, and the questions of the base as ordinary unless the lexicon finds a disclosure in them', () => {
    const examples = safetyExamples(kb);
    const count = (label: string) => examples.filter((e) => e.label === label).length;
    expect([count('grooming'), count('self-harm'), count(CONCERN)]).toEqual([4, 3, 3]);
    const questions = kb.entries.filter((entry) => !entry.contextOnly).flatMap((entry) => entry.questions).length;
    expect(count(ORDINARY)).toBe(6 + questions + kb.training.outOfScope.length);
  });

  const model = new SafetyModel(trainSafetyModel(kb), kb.safety.lexicon);

  it('reads a disclosure it was never shown by its words, and gives every class a probability', () => {
    const reading = model.read('this man keeps sending me gifts and wants it to be our secret');
    expect(reading?.category).toBe('grooming');
    expect(reading?.disclosure).toBeGreaterThan(0.5);
    expect(model.read('the pictures of the pears')?.disclosure).toBeLessThan(0.2);
    expect(model.read('zzz qqq')).toBeUndefined();
  });

  describe('the safety layer: lexicon first, then the classifier', () => {
    const settings = { disclosureAt: 0.5, sentenceDisclosureAt: 0.5, sentenceNeedsWholeAt: 0, checkInAt: 0.35, topicCheckInAt: 0.35, findingOverruledAt: 0.9, hedgedFindingOverruledAt: 0.9, minWords: 4, minKnownFeatures: 2 };
    const detector = new SafetyDetector(kb.safety.lexicon, trainSafetyModel(kb), settings);

    it('gives the full answer for a lexicon finding the classifier is not sure is ordinary', () => {
      expect(detector.detect('I want to die')).toMatchObject({ tier: 'disclosure', by: 'lexicon', finding: { category: 'self-harm' } });
    });

    it('gives the full answer for a disclosure the lexicon misses and the classifier is sure of', () => {
      expect(detector.detect('a man sends me gifts and says its our secret')).toMatchObject({ tier: 'disclosure', by: 'classifier', finding: { category: 'grooming' } });
    });

    it("never takes a question about the topic for a disclosure on the classifier's word alone: it checks in instead", () => {
      // "what is" marks a question about a topic in the small lexicon.
      expect(detector.detect('what is it when a man sends me gifts and says its our secret')).toMatchObject({ tier: 'check-in' });
      // ...unless the writer owns the question as their own.
      expect(detector.detect('what is it when a man sends me gifts and says its our secret? asking for me')).toMatchObject({ tier: 'disclosure', by: 'classifier', finding: { category: 'grooming' } });
    });

    it('checks in gently on a possible concern', () => {
      expect(detector.detect('my online friend asked which bus i take, is that normal')).toMatchObject({ tier: 'check-in' });
    });

    it('checks in on a question about a topic only at its own, stricter setting', () => {
      const topic = 'what is it when a man sends me gifts and says its our secret';
      const aloof = new SafetyDetector(kb.safety.lexicon, trainSafetyModel(kb), { ...settings, topicCheckInAt: 1.01 });
      expect(aloof.detect(topic)).toBeUndefined();
      expect(aloof.detect('my online friend asked which bus i take, is that normal')).toMatchObject({ tier: 'check-in' });
    });

    it('lets the classifier overrule a lexicon finding only when it is at least as sure as the setting that the message is ordinary', () => {
      // "pictures" and "grooming" are two weak grooming cues of the small lexicon (0.5 each).
      expect(detector.detect('pictures of the trip are up, grooming the pony was fun')).toBeUndefined();
      const credulous = new SafetyDetector(kb.safety.lexicon, trainSafetyModel(kb), { ...settings, findingOverruledAt: 1.01 });
      expect(credulous.detect('pictures of the trip are up, grooming the pony was fun')).toMatchObject({ tier: 'disclosure', by: 'lexicon', finding: { category: 'grooming' } });
    });

    it('lets the classifier overrule a finding more readily in a message worded as a joke or as a question about a topic', () => {
      const plain = 'pictures of the trip are up, grooming the pony was fun';
      const wary = new SafetyDetector(kb.safety.lexicon, trainSafetyModel(kb), { ...settings, findingOverruledAt: 1.01, hedgedFindingOverruledAt: 0.9 });
      expect(wary.detect(plain)).toMatchObject({ tier: 'disclosure', by: 'lexicon' });
      expect(wary.detect(`${plain} haha`)).toBeUndefined();
      expect(wary.detect(`${plain} 😂`)).toBeUndefined();
      expect(wary.detect(`what are the ${plain}`)).toBeUndefined();
    });

    it('reads a message sentence by sentence, so a disclosure after a question is not outweighed by it', () => {
      expect(sentencesOf('what colour are pears? also a man sends me gifts. Thanks!')).toEqual(['what colour are pears?', 'also a man sends me gifts.', 'Thanks!']);
      expect(sentencesOf('i like pears anyway he keeps sending gifts')).toEqual(['i like pears', 'anyway he keeps sending gifts']);
      const hidden = 'what colour are pears? the pictures of the pears are nice and we have pictures from the school trip and my mum bought a new sofa. also he sends me gifts';
      expect(model.read(hidden)?.disclosure).toBeLessThan(0.5);
      expect(detector.detect(hidden)).toMatchObject({ tier: 'disclosure', by: 'classifier', finding: { category: 'grooming' } });
      // A sentence on its own must reach its own, stricter setting.
      const strict = new SafetyDetector(kb.safety.lexicon, trainSafetyModel(kb), { ...settings, sentenceDisclosureAt: 1.01 });
      expect(strict.detect(hidden)?.tier).not.toBe('disclosure');
      // A sentence that is itself a question about the topic is read only with the rest of its message.
      expect(detector.detect('what is it when a man sends me gifts and says its our secret? we have a project on pears')?.tier).not.toBe('disclosure');
    });

    it("takes a sentence on the classifier's word only beside a message that is not plainly ordinary; a lexicon finding in a sentence always", () => {
      const hidden = 'what colour are pears? the pictures of the pears are nice and we have pictures from the school trip and my mum bought a new sofa. also he sends me gifts';
      const whole = model.read(hidden);
      const atRisk = (whole?.disclosure ?? 0) + (whole?.concern ?? 0);
      const detectorAt = (sentenceNeedsWholeAt: number) => new SafetyDetector(kb.safety.lexicon, trainSafetyModel(kb), { ...settings, sentenceNeedsWholeAt });
      expect(detectorAt(atRisk * 0.9).detect(hidden)).toMatchObject({ tier: 'disclosure', by: 'classifier' });
      const wary = detectorAt(atRisk * 1.1);
      expect(wary.detect(hidden)?.tier).not.toBe('disclosure');
      const buried = 'what is grooming? also I want to die';
      expect(detectDisclosure(buried, kb.safety.lexicon)).toBeUndefined();
      expect(wary.detect(buried)).toMatchObject({ tier: 'disclosure', by: 'lexicon', finding: { category: 'self-harm' } });
    });

    it('leaves ordinary messages alone', () => {
      expect(detector.detect('what colour are pears')).toBeUndefined();
      expect(detector.detect('this homework is killing me lol')).toBeUndefined();
    });
  });
});

import { loadKnowledgeBase } from '../../knowledge/load';
import { crossCheck, withoutFold, type SafetyFold } from '../../knowledge/safetyCrossCheck';
import { DEFAULT_SAFETY_SETTINGS, SafetyDetector, trainSafetyModel } from '../../knowledge/safetyModel';
import { kbCopy, SMALL_KB } from '../helpers/kbFolder';
import { SMALL_SAFETY_CORPUS } from '../helpers/safetyCorpus';

/** A fold whose disclosure's words appear nowhere else. */
const FOLD = `provenance: written for this test
disclosures:
  self-harm:
    - "zorbly flimbat quaxes wibbly snorf"
ordinary:
  - "plonky grelt mimsy borogove"
`;

describe('the safety cross-check', () => {
  const copy = kbCopy(SMALL_KB, { 'safety-training/test.yaml': SMALL_SAFETY_CORPUS, 'safety-training/retired-blind-x.yaml': FOLD });
  const kb = loadKnowledgeBase(copy.folder);
  afterAll(() => copy.cleanup());
  const fold: SafetyFold = { name: 'retired-blind-x.yaml', disclosures: [{ text: 'zorbly flimbat quaxes wibbly snorf', category: 'self-harm' }], ordinary: ['plonky grelt mimsy borogove'] };
  const settings = { ...DEFAULT_SAFETY_SETTINGS, minKnownFeatures: 2 };

  it("takes exactly a fold's messages out of the classifier's training", () => {
    const left = withoutFold(kb, fold).safety.training;
    expect(left.disclosures.map((d) => d.text)).not.toContain('zorbly flimbat quaxes wibbly snorf');
    expect(left.ordinary).not.toContain('plonky grelt mimsy borogove');
    expect(left.disclosures).toHaveLength(kb.safety.training.disclosures.length - 1);
    expect(left.ordinary).toHaveLength(kb.safety.training.ordinary.length - 1);
  });

  it('reads each fold with a model that never saw it: a disclosure only its own fold words is caught when trained on, missed when left out', () => {
    const trainedOnIt = new SafetyDetector(kb.safety.lexicon, trainSafetyModel(kb), settings);
    expect(trainedOnIt.detect('zorbly flimbat quaxes wibbly snorf')).toMatchObject({ tier: 'disclosure', finding: { category: 'self-harm' } });
    const [result] = crossCheck(kb, [fold], [settings]);
    expect(result).toMatchObject({ disclosures: 1, caught: 0, ordinary: 1, alarmed: 0 });
    expect(result.missed).toEqual([{ fold: 'retired-blind-x.yaml', text: 'zorbly flimbat quaxes wibbly snorf', label: 'self-harm' }]);
  });

  it('gives one result per setting, in order, and names what a false alarm got', () => {
    const grooming: SafetyFold = { name: 'g', disclosures: [], ordinary: ['a man online keeps sending me gifts and says its our secret'] };
    const [usual, deaf] = crossCheck(kb, [grooming], [settings, { ...settings, disclosureAt: 1.01, sentenceDisclosureAt: 1.01, checkInAt: 1.01, topicCheckInAt: 1.01 }]);
    // Left out of training, the sentence is still the grooming corpus's words: read as a disclosure, a false alarm here.
    expect(usual.alarms).toEqual([{ fold: 'g', text: 'a man online keeps sending me gifts and says its our secret', label: 'classifier grooming' }]);
    expect(deaf).toMatchObject({ alarmed: 0, alarms: [] });
  });
});

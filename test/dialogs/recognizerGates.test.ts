import { Culture, recognizeNumber } from '@microsoft/recognizers-text-number';
import { recognizeEmail, recognizeIpAddress, recognizeMention, recognizePhoneNumber } from '@microsoft/recognizers-text-sequence';
import fc from 'fast-check';
import { readLabelledSet } from '../../dialogs/personalDataEvaluation';
import { mayHoldEmailOrMention, mayHoldIpAddress, mayRewriteNumbers, mayHoldPhoneNumber } from '../../dialogs/recognizerGates';
import { loadKnowledgeBase } from '../../knowledge/load';
import { foldText } from '../../knowledge/normalise';
import { REAL_KB } from '../helpers/kbFolder';
import { RUNS, anyText } from '../helpers/fuzz';

const kb = loadKnowledgeBase(REAL_KB);

/** Every message of the repo: the questions and phrasings of the base, the safety corpus and the personal-data sets. */
const corpus = [
  ...kb.entries.flatMap((entry) => entry.questions),
  ...[...kb.training.examples.values()].flat(),
  ...kb.training.outOfScope,
  ...kb.safety.training.disclosures.map((item) => item.text),
  ...kb.safety.training.concerns,
  ...kb.safety.training.ordinary,
  ...readLabelledSet('tuning').map((item) => item.text),
  ...readLabelledSet('blind').map((item) => item.text),
];

/** What a gate must never do: say no to a text its recognizer finds something in. */
const gates: [string, (text: string) => boolean, (text: string) => unknown[]][] = [
  ['phone numbers', mayHoldPhoneNumber, (text) => recognizePhoneNumber(text, Culture.English)],
  ['e-mail addresses', mayHoldEmailOrMention, (text) => recognizeEmail(text, Culture.English)],
  ['@mentions', mayHoldEmailOrMention, (text) => recognizeMention(text, Culture.English)],
  ['IP addresses', mayHoldIpAddress, (text) => recognizeIpAddress(text, Culture.English)],
  // Whole numbers written otherwise than as the digits the recognizer gives, as who-is-asking reads them ("half" is 0.5, and ignored there).
  [
    'whole numbers to rewrite (in folded text)',
    (text) => mayRewriteNumbers(foldText(text)),
    (text) => recognizeNumber(foldText(text), Culture.English).filter((found) => /^\d+$/.test(String(found.resolution?.value)) && found.text !== String(found.resolution?.value)),
  ],
];

/** Text dense in what the recognizers look for, and in near misses. */
const numberish = fc
  .array(
    fc.constantFrom('i', 'am', 'a', 'an', 'half', 'dozen', 'dz', 'eleven', 'twelve', 'twenty-one', 'hundred', 'and', 'one', 'k', 'm', 'first', 'third', '@', 'me@x.com', '@kai_9', '09', '007', '1 000', '10 k', '+', '00', '0 1', ':', '::1', '10.0.0.1', '.', ',', '-', '+44', '(0)', '07700', '900123', '555-0100', '1,000', '3', '45', '2019', 'call', 'ext', 'x'),
    { maxLength: 14 },
  )
  .map((words) => words.join(' '));

describe('recognizer gates (a recognizer is skipped only where it could find nothing)', () => {
  it.each(gates)('never skip a text of the repo that holds %s', (_kind, gate, recognize) => {
    expect(corpus.length).toBeGreaterThan(20_000);
    const missed = corpus.filter((text) => !gate(text) && recognize(text).length > 0);
    expect(missed).toEqual([]);
  });

  it.each(gates)('never skip generated text that holds %s', (_kind, gate, recognize) => {
    fc.assert(
      fc.property(fc.oneof(anyText, numberish), (text) => {
        if (recognize(text).length > 0) expect(gate(text)).toBe(true);
      }),
      { numRuns: RUNS.recognizerGates },
    );
  });

  it('skip most messages: the point of the gates', () => {
    const ordinary = kb.safety.training.ordinary;
    const skippedAll = ordinary.filter((text) => !mayHoldPhoneNumber(text) && !mayHoldEmailOrMention(text) && !mayHoldIpAddress(text));
    expect(skippedAll.length / ordinary.length).toBeGreaterThan(0.8);
    expect(ordinary.filter((text) => !mayRewriteNumbers(foldText(text))).length / ordinary.length).toBeGreaterThan(0.7);
  });
});

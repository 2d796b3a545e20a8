import { loadKnowledgeBase } from '../../knowledge/load';
import { answerFor, bandOf, isAudience, labelOf } from '../../knowledge/types';
import { SMALL_KB } from '../helpers/kbFolder';

const kb = loadKnowledgeBase(SMALL_KB);
const entry = (id: string) => {
  const found = kb.byId.get(id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
};

describe('knowledge types', () => {
  it('knows the five audience ids and nothing else', () => {
    for (const id of ['children', 'parents-educators', 'industry', 'policy-makers', 'general']) expect(isAudience(id)).toBe(true);
    for (const other of ['parents', 'Children', '', 3, null, undefined]) expect(isAudience(other)).toBe(false);
  });

  it("labels a button with the entry's short label, else its canonical question", () => {
    expect(labelOf(entry('fruit.apple-colour'))).toBe('Apple colours');
    expect(labelOf(entry('fruit.apple-taste'))).toBe('What do apples taste like?');
  });

  it("answers in the audience's own words when the entry has them, else the default", () => {
    expect(answerFor(entry('fruit.apple-colour'), 'children')).toBe('Apples can be red, green or yellow!');
    expect(answerFor(entry('fruit.apple-colour'), 'industry')).toBe('Apples are red, green or yellow.');
  });

  it('finds the age band an age falls in, bounds included', () => {
    expect(bandOf(kb.audiences, 0)?.id).toBe('young');
    expect(bandOf(kb.audiences, 8)?.id).toBe('young');
    expect(bandOf(kb.audiences, 9)?.id).toBe('older');
    expect(bandOf(kb.audiences, 18)?.id).toBe('older');
    expect(bandOf(kb.audiences, 19)).toBeUndefined();
    expect(bandOf(kb.audiences, undefined)).toBeUndefined();
  });
});

import { isCommonWord } from '../../knowledge/commonWords';

describe('isCommonWord', () => {
  it('knows everyday words in British and American spelling, which the search must not "correct"', () => {
    for (const word of ['bake', 'bread', 'colour', 'color', 'organise', 'organize']) expect(isCommonWord(word)).toBe(true);
  });

  it('does not know jargon, names or misspellings', () => {
    for (const word of ['csam', 'sextortion', 'itu', 'grooomimg', 'qwzx']) expect(isCommonWord(word)).toBe(false);
  });
});

import fc from 'fast-check';
import { SpellingIndex, trigramsOf } from '../../knowledge/spelling';

describe('SpellingIndex', () => {
  const index = new SpellingIndex(['grooming', 'growing', 'launch', 'lunch', 'guideline', 'guidelines', 'sextortion']);

  it('finds the words a misspelt one most looks like, most shared trigrams first', () => {
    expect(index.near('groming', 2)).toEqual(['grooming', 'growing']);
    expect(index.near('lanch', 1)).toEqual(['launch']);
    expect(index.near('guidlines', 1)).toEqual(['guidelines']);
  });

  it('finds nothing for a word that shares no trigram, and at most the number asked for', () => {
    expect(index.near('xyz', 5)).toEqual([]);
    expect(index.near('guideline', 1)).toHaveLength(1);
  });

  it('always returns words of its vocabulary, each once', () => {
    const words = ['apple', 'apply', 'maple', 'ample', 'paper'];
    const small = new SpellingIndex(words);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.integer({ min: 1, max: 6 }), (word, limit) => {
        const found = small.near(word, limit);
        expect(found.length).toBeLessThanOrEqual(limit);
        expect(new Set(found).size).toBe(found.length);
        expect(found.every((w) => words.includes(w))).toBe(true);
      }),
    );
  });
});

describe('trigramsOf', () => {
  it('pads the word so its first and last letters count', () => {
    expect([...trigramsOf('cop')]).toEqual(['<co', 'cop', 'op>']);
  });
});

import fc from 'fast-check';
import { largest } from '../../knowledge/largest';

describe('largest', () => {
  it('keeps the items with the largest scores, largest first', () => {
    expect(largest(['a', 'bbbb', 'cc', 'ddd'], 2, (item) => item.length)).toEqual(['bbbb', 'ddd']);
  });

  it('keeps the earlier item among equals, and nothing when asked for none', () => {
    expect(largest(['x1', 'y1', 'z22'], 2, (item) => item.length)).toEqual(['z22', 'x1']);
    expect(largest(['a'], 0, () => 1)).toEqual([]);
  });

  it('passes each item its position', () => {
    expect(largest(['a', 'b', 'c'], 2, (_, at) => at)).toEqual(['c', 'b']);
    expect(largest(['a', 'b', 'c'], 1, (_, at) => -at)).toEqual(['a']);
  });

  it('is what a stable sort cut to the limit gives, for any scores and limit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }), fc.integer({ min: 0, max: 70 }), (scores, limit) => {
        const items = scores.map((score, at) => ({ score, at }));
        const sorted = [...items].sort((a, b) => b.score - a.score).slice(0, limit);
        expect(largest(items, limit, (item) => item.score)).toEqual(sorted);
      }),
    );
  });
});

import { pickOffered } from '../../dialogs/offered';

const offered = [
  { title: 'Apple colours', value: 'What colour are apples?' },
  { title: '👍', value: '👍' },
  { title: 'Stop', value: 'Stop' },
];
const labels = (o: (typeof offered)[number]) => [o.title, o.value];

describe('pickOffered: one rule for buttons and flow options', () => {
  it.each([
    ['1', 'Apple colours'],
    [' 3 ', 'Stop'],
    ['apple COLOURS!', 'Apple colours'],
    ['what colour are apples', 'Apple colours'],
    ['👍', '👍'],
  ])('"%s" picks %s', (text, title) => {
    expect(pickOffered(offered, text, labels)?.title).toBe(title);
  });

  it.each(['0', '4', '12', 'apples', '👎', '', '   '])('"%s" picks nothing', (text) => {
    expect(pickOffered(offered, text, labels)).toBeUndefined();
  });

  it('reads two-digit numbers, as plain-text channels number long lists', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ title: `Option ${i + 1}`, value: `o${i + 1}` }));
    expect(pickOffered(many, '12', labels)?.title).toBe('Option 12');
  });

  it('offers nothing to pick from nothing', () => {
    expect(pickOffered([], '1', labels)).toBeUndefined();
  });
});

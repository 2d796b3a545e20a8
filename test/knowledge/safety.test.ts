import { countryFromLocale, countryMention } from '../../knowledge/helplines';
import { loadKnowledgeBase } from '../../knowledge/load';
import { detectDisclosure, safetyForm } from '../../knowledge/safety';
import { SMALL_KB } from '../helpers/kbFolder';

const { safety } = loadKnowledgeBase(SMALL_KB);

describe('safety detection (small lexicon)', () => {
  it('folds a message and replaces texting spellings before matching', () => {
    expect(safetyForm('Sum1 wants me 2 send PICS!!!', safety.lexicon)).toBe('someone wants me to send pics');
  });

  it('reads a symbol that folding would drop as its word: a laughing emoji is "lol"', () => {
    expect(safetyForm('my brother said hed die without ice cream😂😂', safety.lexicon)).toBe('my brother said hed die without ice cream lol lol');
  });

  it.each([
    ['I want to die', 'self-harm'],
    ['sum1 wants me 2 send photos', 'grooming'],
    // A question the writer owns as their own is no longer a question about the topic.
    ['what is grooming? asking for me', 'grooming'],
  ])('finds a disclosure in %p', (text, category) => {
    expect(detectDisclosure(text, safety.lexicon)?.category).toBe(category);
  });

  it.each([
    ['what is grooming', 'a question about the topic'],
    ['I never want to die', 'a negated signal'],
    ['photos of the launch event', 'a weak signal alone'],
    ['', 'nothing'],
  ])('does not alarm on %p (%s)', (text) => {
    expect(detectDisclosure(text, safety.lexicon)).toBeUndefined();
  });
});

describe('the country for helplines', () => {
  it.each([
    ['en-GB', 'gb'],
    ['EN-gb', 'gb'],
    ['en-US', undefined],
    [undefined, undefined],
  ])('reads the locale %p', (locale, id) => {
    expect(countryFromLocale(safety.helplines, locale)?.id).toBe(id);
  });

  it.each([
    ["I'm in the UK", {}, { id: 'gb', rest: '', stated: true }],
    ['we live in Britain, what is grooming?', {}, { id: 'gb', rest: 'what is grooming', stated: true }],
    ['uk', { bare: true }, { id: 'gb', rest: '', stated: false }],
    ['uk', {}, undefined],
    ["I'm in Kenya", {}, undefined],
    ["I'm in the ministry", {}, undefined],
  ])('reads %p', (text, options, expected) => {
    const mention = countryMention(safety.helplines, text, options);
    expect(mention && { id: mention.country.id, rest: mention.rest, stated: mention.stated }).toEqual(expected);
  });
});

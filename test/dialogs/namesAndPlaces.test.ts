import { NamesAndPlaces } from '../../dialogs/namesAndPlaces';

const finder = new NamesAndPlaces({ isKnown: (word) => ['roblox', 'sango', 'silvia'].includes(word) });
const found = (text: string) => finder.find(text).map((span) => [span.kind, text.slice(span.start, span.end)]);

describe('names, home towns, schools and streets', () => {
  it.each([
    ['im kai from leeds', [['name', 'kai'], ['place', 'leeds']]],
    ['I live in Bendigo', [['place', 'Bendigo']]],
    ['my daughter goes to Riverside Academy', [['school', 'Riverside Academy']]],
    ['we live at 14 Larch Crescent', [['address', '14 Larch Crescent']]],
    ['post it to Leeds LS6 3AB', [['place', 'Leeds LS6 3AB']]],
    ['Hello, Mrs Okafor here', [['name', 'Okafor']]],
  ])('finds in %p', (text, expected) => {
    expect(found(text)).toEqual(expect.arrayContaining(expected));
  });

  it.each(['I live in New Zealand', "I'm in Cape Verde", 'is roblox safe', 'who is Queen Silvia', 'I live in fear of him', 'what is Sango'])('finds nothing in %p', (text) => {
    expect(found(text)).toEqual([]);
  });
});

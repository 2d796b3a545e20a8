import { PersonalDataFinder, digitRuns, personalDataFinderFor } from '../../dialogs/personalData';
import { loadKnowledgeBase } from '../../knowledge/load';
import { REAL_KB } from '../helpers/kbFolder';
import { measure, readLabelledSet } from '../../dialogs/personalDataEvaluation';

const helplines = digitRuns(['Childline: 0800 1111', '116 111', '999 (or 112)']);
const finder = new PersonalDataFinder(helplines, { isKnown: (word) => ['roblox', 'silvia', 'sango'].includes(word) });

describe('personal data in a message', () => {
  it.each([
    ['my number is 07700 900123', ['phone'], 'my number is [phone]'],
    ['email me at kid@example.com', ['email'], 'email me at [email]'],
    ['I live at 12 Oak Street, London', ['address', 'place'], 'I live at [address], [place]'],
    ['my postcode is SW1A 1AA', ['place'], 'my [place]'],
    ['add me on insta @cool_kid', ['handle'], 'add me on insta [handle]'],
    ['my ip is 192.168.1.2', ['ip'], 'my ip is [ip]'],
    ['text 07700 900123 or kid@example.com', ['phone', 'email'], 'text [phone] or [email]'],
    ['My name is Zebulon Quixote, what is grooming?', ['name'], 'My name is [name], what is grooming?'],
    ['my son Bartholomew Fenwick-Hargreaves is 12 and wants instagram', ['name'], 'my son [name] is 12 and wants instagram'],
    ['im kai from leeds lol is roblox safe', ['name', 'place'], 'im [name] from [place] lol is roblox safe'],
    ['im summer and im 10', ['name'], 'im [name] and im 10'],
    ['My twins Rose and Lily want a YouTube channel', ['name'], 'My twins [name] and [name] want a YouTube channel'],
    ['This is Mrs Okafor, head of Year 7', ['name'], 'This is Mrs [name], head of Year 7'],
    ['we live at 4 Wattle St, Fitzroy VIC 3065', ['address', 'place'], 'we live at [address], [place]'],
    ['Our office is at 25 Rue de la Loi, 1040 Brussels', ['address', 'place'], 'Our office is at [address], [place]'],
    ['i go to Riverside Academy and someone made a fake account of me', ['school'], 'i go to [school] and someone made a fake account of me'],
    ['my daughter goes to St Mary\'s and got a scary message', ['school'], 'my daughter goes to [school] and got a scary message'],
    ['my snap is ollie_b_2010 is that bad', ['handle'], 'my snap is [handle] is that bad'],
    ['Canada K1A 0B6 is where we are', ['place'], 'Canada [place] is where we are'],
    ['we live in Cape Town, is tiktok ok', ['place'], 'we live in [place], is tiktok ok'],
    ['my big sis Chiamaka is 16', ['name'], 'my big sis [name] is 16'],
    ["my son's friend Tomás sent him a video", ['name'], "my son's friend [name] sent him a video"],
    ["Hi, Kavya's mum. She's 9", ['name'], "Hi, [name]'s mum. She's 9"],
    ['We are the Nakamura family', ['name'], 'We are the [name] family'],
    ['User sk8rboi_77 keeps contacting under-13s', ['handle'], 'User [handle] keeps contacting under-13s'],
    ['yusuf haddad 12 here, is fortnite ok', ['name'], '[name] 12 here, is fortnite ok'],
    ['what is the capital of peru? thanks, Quillon', ['name'], 'what is the capital of peru? thanks, [name]'],
    ['From Marisol Etxeberria: who is the king of spain', ['name'], 'From [name]: who is the king of spain'],
    ['my number is 0 7 7 0 0 9 0 0 4 5 6 ok', ['phone'], 'my number is [phone] ok'],
    ['my email is kid dot name at gmail dot com, hi', ['email'], 'my email is [email], hi'],
  ])('finds and replaces %p', (text, kinds, redacted) => {
    expect(finder.find(text)).toEqual({ kinds, redacted });
  });

  it.each([
    'what is 116 111?',
    'should I call 0800 1111',
    'the launch was on 24 June 2020',
    'about 80 experts worked on it from 2018 to 2020',
    'what triggered the 2019-2020 update of the guidelines?',
    'what is grooming',
    'they call me names at school',
    'im hurt and im scared',
    "I'm a teacher, what's grooming?",
    "I'm in Canada, any helplines?",
    'we live in Kenya',
    'my son is 12 and wants instagram',
    'who is Queen Silvia',
    'does the Nintendo Switch have parental controls',
    'what does the UK Online Safety Act 2023 require',
    'when is the next World Radiocommunication Conference',
    'what should our high school teach about online safety',
    'is roblox safe for my 8 year old',
    'im in korea and people are mean on kakaotalk',
    'Grandad here. How do I keep my grandkids safe?',
    'What was agreed at COP28 in Dubai',
    'i live in fear of him',
    'i live at home with my mum',
    'thanks, Childline helped me',
    'is roblox safe? is my account ok',
  ])('finds none in %p', (text) => {
    expect(finder.find(text)).toBeUndefined();
  });
});

describe('the labelled personal-data set (tuning half; the blind half is measured by npm run privacy:test)', () => {
  const figures = measure(readLabelledSet('tuning'), personalDataFinderFor(loadKnowledgeBase(REAL_KB)));

  it('removes every labelled piece from at least 95 % of the messages that have personal data', () => {
    expect(figures.withPersonal).toBeGreaterThanOrEqual(100);
    expect(figures.fullyRemoved / figures.withPersonal).toBeGreaterThanOrEqual(0.95);
  });

  it('never keeps a name, street or postcode: what little is left is a bare town', () => {
    // A town on its own, in a message labelled as naming a place, with no street, number or name beside it
    // ("… a telco in Cork"); and a piece that is also a word of a labelled name would be a name kept.
    const cases = readLabelledSet('tuning');
    const nameWords = new Set(cases.flatMap((c) => (c.kinds.includes('name') ? c.personal.filter((piece) => /^\p{Lu}?\p{Ll}/u.test(piece) && piece.includes(' ')).flatMap((piece) => piece.split(' ')) : [])));
    const notTowns = figures.leaks.filter((leak) => /[\d@]/.test(leak.piece) || leak.piece.trim().includes(' ') || !leak.kinds.includes('place') || nameWords.has(leak.piece));
    expect(notTowns).toEqual([]);
    expect(figures.leaks.length).toBeLessThanOrEqual(figures.withPersonal * 0.03);
  });

  it('leaves messages without personal data exactly as sent, and every word that must survive', () => {
    expect(figures.withoutPersonal).toBeGreaterThanOrEqual(100);
    expect(figures.untouched).toBe(figures.withoutPersonal);
    expect(figures.lost).toEqual([]);
  });
});

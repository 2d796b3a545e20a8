import { registerFor, safetyAnswer } from '../../dialogs/safetyAnswer';
import { HELP_GROUPS, SERVICE_LISTS, type CountryHelp, type HelpGroup, type SafetyRegister, type ServiceLists } from '../../knowledge/helplines';
import { loadKnowledgeBase } from '../../knowledge/load';
import { SAFETY_CATEGORIES } from '../../knowledge/safety';
import { REAL_KB } from '../helpers/kbFolder';

const { safety } = loadKnowledgeBase(REAL_KB);
const { answers, helplines } = safety;

// ---------------------------------------------------------------------------------------------------------------
// Expectations written by hand from /work/shared/reference/helplines.md (the line each comes from is given), NOT
// from helplines.yaml: they check the YAML independently. Numbers are written as helplines.md writes them.
// ---------------------------------------------------------------------------------------------------------------

/** The emergency number(s) the answer must tell the user to call, the first one first. */
const EMERGENCY: Record<string, { says: string[]; source: string }> = {
  gb: { says: ['999'], source: 'helplines.md:24' },
  us: { says: ['911'], source: 'helplines.md:23' },
  ca: { says: ['911'], source: 'helplines.md:23' },
  au: { says: ['000'], source: 'helplines.md:25' },
  nz: { says: ['111'], source: 'helplines.md:26' },
  in: { says: ['112', '100'], source: 'helplines.md:27, :33' },
  za: { says: ['10111', '112'], source: 'helplines.md:28-29' },
  ie: { says: ['112'], source: 'helplines.md:22, EU' },
  fr: { says: ['112'], source: 'helplines.md:22, EU; :54' },
  de: { says: ['112'], source: 'helplines.md:22, EU' },
  es: { says: ['112'], source: 'helplines.md:22, EU' },
  it: { says: ['112'], source: 'helplines.md:22, EU' },
  se: { says: ['112'], source: 'helplines.md:22, EU' },
  nl: { says: ['112'], source: 'helplines.md:22, EU' },
  ng: { says: ['112'], source: 'helplines.md:67' },
};
/** Countries whose emergency number helplines.md does not verify (no row in its §1): the answer must give no number. */
const NO_VERIFIED_EMERGENCY = ['ke', 'ch', 'li', 'ph', 'gh', 'br', 'jp'];

/** The child helpline a child must be shown: its name (or the part of it that must appear) and its number. */
const CHILD_HELPLINE: Record<string, { name: string; number: string; source: string }> = {
  gb: { name: 'Childline', number: '0800 1111', source: 'helplines.md:44' },
  ie: { name: 'Childline (ISPCC)', number: '1800 66 66 66', source: 'helplines.md:45' },
  us: { name: 'Childhelp National Child Abuse Hotline', number: '1-800-422-4453', source: 'helplines.md:46' },
  ca: { name: 'Kids Help Phone', number: '1-800-668-6868', source: 'helplines.md:49' },
  au: { name: 'Kids Helpline', number: '1800 55 1800', source: 'helplines.md:51' },
  nz: { name: 'Youthline', number: '0800 376 633', source: 'helplines.md:52' },
  fr: { name: 'Allô Enfance en Danger', number: '119', source: 'helplines.md:54' },
  de: { name: 'Nummer gegen Kummer', number: '116 111', source: 'helplines.md:56' },
  es: { name: 'Teléfono ANAR', number: '900 20 20 10', source: 'helplines.md:57' },
  it: { name: 'Telefono Azzurro', number: '19696', source: 'helplines.md:59' },
  in: { name: 'CHILDLINE', number: '1098', source: 'helplines.md:60' },
  za: { name: 'Childline South Africa', number: '116', source: 'helplines.md:61' },
  ke: { name: 'Child Helpline', number: '116', source: 'helplines.md:62' },
  ch: { name: 'Pro Juventute', number: '147', source: 'helplines.md:63' },
  li: { name: 'Pro Juventute', number: '147', source: 'helplines.md:63, also Liechtenstein since 2022' },
  se: { name: 'BRIS', number: '116 111', source: 'helplines.md:64' },
  nl: { name: 'De Kindertelefoon', number: '0800-0432', source: 'helplines.md:65' },
  ph: { name: 'Bantay Bata', number: '163', source: 'helplines.md:66' },
  ng: { name: 'Cece Yara Foundation', number: '0800 800 8001', source: 'helplines.md:67, an NGO line' },
  jp: { name: "Children's SOS Dial", number: '0120-0-78310', source: 'helplines.md:70' },
};
/**
 * Countries of helplines.yaml with no child-helpline expectation: helplines.md lists no child-only helpline for them
 * (Disque 100 is a reporting line, :69; the Helpline of Hope is "not a child-only helpline", :68), and their wording
 * is to be fixed by a later issue.
 */
const NO_CHILD_HELPLINE_EXPECTED = ['br', 'gh'];

/**
 * Every reporting service an answer may list, and the worries it takes reports of (helplines.md §3 and §2): an image
 * hotline (IWF, INHOPE) is for child sexual abuse images only, never for grooming or abuse at home (issue 15, point 3).
 */
const REPORTING_SERVICES: { name: string; for: string[]; source: string }[] = [
  { name: 'Internet Watch Foundation', for: ['images-shared'], source: 'helplines.md:93, "child sexual abuse images and videos"' },
  { name: 'INHOPE', for: ['images-shared'], source: 'helplines.md:95, "report child sexual abuse material"' },
  { name: 'CyberTipline', for: ['sexual-abuse', 'grooming', 'sextortion', 'images-shared'], source: 'helplines.md:92, child sexual exploitation: nudes, grooming, sextortion' },
  { name: 'FBI', for: ['sextortion'], source: 'cop-facts-raw I19' },
  { name: 'Cybertip.ca', for: ['sexual-abuse', 'grooming', 'sextortion', 'images-shared'], source: 'helplines.md:102, online sexual exploitation: grooming, sextortion, images' },
  { name: 'eSafety', for: ['bullying-distress', 'sextortion', 'images-shared'], source: 'helplines.md:101, cyberbullying, image-based abuse, child sexual abuse material' },
  { name: 'Child Guidance Centre', for: ['sexual-abuse', 'abuse-at-home'], source: 'helplines.md:71, suspected child abuse' },
  { name: 'Disque 100', for: ['sexual-abuse', 'abuse-at-home'], source: 'helplines.md:69, violations against children, especially sexual violence' },
  { name: 'Helpline of Hope', for: ['sexual-abuse', 'abuse-at-home'], source: 'helplines.md:68, child abuse, defilement, domestic violence' },
];
/** Image-removal services (helplines.md §3): listed only under getting images removed. */
const IMAGE_SERVICES = ['Take It Down', 'StopNCII', 'Report Remove', 'NeedHelpNow', 'Revenge Porn Helpline'];

/** The groups of help of an answer's last message, told apart by their headings. */
function sectionsOf(text: string, register: SafetyRegister): { group: HelpGroup; heading: string; lines: string[] }[] {
  return text.split('\n\n').map((block) => {
    const [first, ...lines] = block.split('\n');
    const heading = first.replace(/:$/, '');
    const group = HELP_GROUPS.find((g) => heading.startsWith(answers.headings[g][register]));
    if (!group) throw new Error(`no group has the heading "${heading}"`);
    return { group, heading, lines };
  });
}

/** The worldwide child helpline directory shown while the country is unknown (cop-facts-raw.md:143, I20). */
const INTERNATIONAL_CHILD_HELPLINES = { name: 'Child Helpline International', address: 'childhelplineinternational.org/helplines' };

/**
 * Numbers and addresses of one country's own services (or shared by the countries named), to check that no other
 * country's answer shows them. "international" is the answer while the country is unknown, which names 112 and 911.
 */
const NATIONAL: [owners: string, items: string[], source: string][] = [
  ['gb', ['999', '0800 1111', 'childline.org.uk', 'iwf.org.uk/report', '0345 6000 459'], 'helplines.md:24, :44, :93, :99-100'],
  ['ie', ['1800 66 66 66', '50101', 'childline.ie'], 'helplines.md:45'],
  ['us', ['1-800-422-4453', '988lifeline.org', '741741', '1-800-843-5678'], 'helplines.md:46-48, :92'],
  ['us,ca,international', ['911'], 'helplines.md:23'],
  ['us,ca', ['988'], 'helplines.md:47, :50'],
  ['ca', ['1-800-668-6868', '686868', 'kidshelpphone.ca', 'cybertip.ca', '1-866-658-9022', 'needhelpnow.ca'], 'helplines.md:49, :102-103'],
  ['au', ['000', '1800 55 1800', 'kidshelpline.com.au', '13 11 14', 'esafety.gov.au/report'], 'helplines.md:25, :51, :101'],
  ['nz', ['111', '0800 376 633', '0800 942 8787', 'whatsup.co.nz'], 'helplines.md:26, :52-53'],
  ['in', ['1098'], 'helplines.md:60'],
  ['in,br', ['100'], 'helplines.md:27, :69'],
  ['za', ['10111'], 'helplines.md:28'],
  ['za,ke', ['116'], 'helplines.md:61-62'],
  ['fr', ['119', 'allo119.gouv.fr', '3018', '3018.fr'], 'helplines.md:54-55'],
  ['de', ['nummergegenkummer.de'], 'helplines.md:56'],
  ['de,es,se,nl', ['116 111'], 'helplines.md:56, :58, :64-65'],
  ['es', ['900 20 20 10'], 'helplines.md:57'],
  ['it', ['19696', '114', 'azzurro.it'], 'helplines.md:59'],
  ['ch,li', ['147', '147.ch'], 'helplines.md:63'],
  ['se', ['bris.se'], 'helplines.md:64'],
  ['nl', ['0800-0432', 'kindertelefoon.nl'], 'helplines.md:65'],
  ['ph', ['163'], 'helplines.md:66'],
  ['ng', ['0800 800 8001'], 'helplines.md:67'],
  ['gh', ['0800 800 800', '0800 900 900', '8020'], 'helplines.md:68'],
  ['br', ['99611-0100'], 'helplines.md:69'],
  ['jp', ['0120-0-78310', '189', '0120-007-110'], 'helplines.md:70-72'],
];

/** Numbers and addresses no answer may ever show: outdated, wrong or unverified (helplines.md). */
const NEVER_SHOWN = [
  { text: '0800 055 555', why: "South Africa's old Childline number (helplines.md:61)" },
  { text: '0800 54 37 54', why: 'Kidsline, merged into What\'s Up in 2022 (helplines.md:76)' },
  { text: '199.15.15.15', why: 'outdated Telefono Azzurro number (helplines.md:78)' },
  { text: '0570-0-78310', why: "Japan's old charged SOS Dial (helplines.md:80)" },
  { text: 'report.iwf.org.uk', why: '[unverified] (helplines.md:94)' },
];
/** South Africa: never 101 (one wrong source, helplines.md:34) and never 111 (a temporary COVID-19 number, :36). */
const NEVER_IN_SOUTH_AFRICA = ['101', '111'];

/** Services only for adults, never shown to a child: StopNCII.org (18+, helplines.md:98), Revenge Porn Helpline (18+, :99). */
const ADULTS_ONLY = ['StopNCII', 'stopncii.org', 'Revenge Porn Helpline', '0345 6000 459'];
/** Take It Down is for images taken under 18, worldwide (helplines.md:97); StopNCII.org is for adults, worldwide (:98). */
const TAKE_IT_DOWN = 'takeitdown.ncmec.org';
const STOP_NCII = 'stopncii.org';

// ---------------------------------------------------------------------------------------------------------------

/** Runs of digits, joined by single spaces, hyphens or dots ("0800 1111", "1-800-843-5678"), as digit strings. */
function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d(?:\d|[ \-.](?=\d))*/g)].map((m) => m[0].replace(/\D/g, '')).filter((digits) => digits.length >= 3);
}

/** Web addresses, with or without http ("childline.org.uk", "https://www.childhelplineinternational.org/helplines/"), lower case. */
function addressesIn(text: string): string[] {
  return [...text.matchAll(/\b(?:https?:\/\/)?(?:www\.)?((?:[a-z\d-]+\.)+[a-z]{2,}(?:\/[^\s)>\]]*)?)/gi)].map((m) => m[1].replace(/[.,;:!?]+$/, '').replace(/\/$/, '').toLowerCase());
}

/** Everything of a place in helplines.yaml that can be shown: its emergency number and every service of every list. */
function placeTexts(place: ServiceLists & { emergency: string }): string[] {
  return [place.emergency, ...SERVICE_LISTS.flatMap((list) => place[list]).flatMap((s) => [s.name, s.phone, s.text, s.web, s.note].filter((t): t is string => Boolean(t)))];
}

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** Whether a text shows a number (compared digit for digit) or a web address. */
const shows = (text: string, item: string): boolean => (/[a-z]/i.test(item) ? addressesIn(text).includes(item) : numbersIn(text).includes(digitsOf(item)));

type Place = [name: string, country: CountryHelp | undefined];
const PLACES: Place[] = [...helplines.countries.map((country): Place => [country.name, country]), ['country unknown', undefined]];
const AUDIENCES = ['children', 'parents-educators', 'general'] as const;
const CASES = AUDIENCES.flatMap((audience) => SAFETY_CATEGORIES.map((category) => [audience, category] as const));

/**
 * For each place (by name), the numbers and the web addresses that its services in helplines.yaml can show: a country
 * with no child helpline also shows the worldwide directory of child helplines.
 */
const textsOf = (country: CountryHelp | undefined): string[] => [
  ...placeTexts(country ?? helplines.international),
  ...(country && country.childHelplines.length === 0 ? helplines.international.childHelplines.flatMap((s) => [s.name, s.web ?? '']) : []),
];
const NUMBERS_OF = new Map(PLACES.map(([name, country]) => [name, new Set(textsOf(country).flatMap(numbersIn))]));
const ADDRESSES_OF = new Map(PLACES.map(([name, country]) => [name, new Set(textsOf(country).flatMap(addressesIn))]));
/** The places whose services in helplines.yaml have a number or address. */
const placesWith = (map: Map<string, Set<string>>, value: string): string => [...map].filter(([, values]) => values.has(value)).map(([name]) => name).join(', ') || 'nowhere in helplines.yaml';

describe('the safety answer', () => {
  it('speaks to children, to parents and educators about the child, and to anyone else', () => {
    expect(['children', 'parents-educators', 'industry', 'policy-makers', 'general'].map((a) => registerFor(a as never))).toEqual(['children', 'parents-educators', 'general', 'general', 'general']);
  });

  it('has hand-written expectations for every country of helplines.yaml, including the ones the brief names', () => {
    const ids = helplines.countries.map((country) => country.id);
    expect(ids.filter((id) => !(id in EMERGENCY) && !NO_VERIFIED_EMERGENCY.includes(id))).toEqual([]);
    expect(ids.filter((id) => !(id in CHILD_HELPLINE) && !NO_CHILD_HELPLINE_EXPECTED.includes(id))).toEqual([]);
    expect(['gb', 'us', 'ca', 'au', 'ie', 'in', 'de'].filter((id) => !ids.includes(id) || !(id in CHILD_HELPLINE))).toEqual([]);
  });
});

describe.each(PLACES)('the safety answer in %s', (placeName, country) => {
  const emergency = country ? EMERGENCY[country.id] : undefined;

  const toCall = emergency ? `${emergency.says.join(' or ')} (${emergency.source})` : country ? 'the local emergency number (none verified)' : 'the local emergency number, naming 112 and 911';
  it.each(CASES)(`to %s about %s: opens calmly, says to call ${toCall}, gives the steps and who can help`, (audience, category) => {
    const register = registerFor(audience);
    const parts = safetyAnswer(answers, helplines, category, audience, country);
    expect(parts).toHaveLength(3);
    expect(parts.every((part) => part.trim().length > 0)).toBe(true);
    const [first, steps, services] = parts;

    // The calm opening of this category and register comes first.
    const opening = answers.categories[category].opening[register];
    expect(first.startsWith(`${opening} `)).toBe(true);
    if (register === 'parents-educators') expect(opening).toMatch(/\bchild/);
    if (register === 'children') expect(opening).not.toMatch(/\bthe child\b|\bthe young person\b/);

    // Then what to do now: the emergency number.
    const danger = register === 'children' ? 'If you are in danger right now, call ' : 'If anyone is in danger right now, call ';
    expect(first).toContain(danger);
    const call = first.slice(first.indexOf(danger) + danger.length);
    if (country === undefined) {
      expect(call).toMatch(/^the local emergency number\b/);
      expect(numbersIn(call)).toEqual(expect.arrayContaining(['112', '911'])); // helplines.md:22-23
    } else if (emergency) {
      expect(numbersIn(call)[0]).toBe(digitsOf(emergency.says[0]));
      expect(numbersIn(call)).toEqual(expect.arrayContaining(emergency.says.map(digitsOf)));
    } else {
      expect(call).toMatch(/^the local emergency number\b/);
      expect(numbersIn(call)).toEqual([]);
    }

    // The steps of this register, as a list: every step of the register except those whose condition fails.
    const written = answers.categories[category].steps[register].map((step) => (typeof step === 'string' ? step : step.text));
    const shown = steps.split('\n').map((line) => line.replace(/^- /, ''));
    expect(steps.split('\n').every((line) => line.startsWith('- '))).toBe(true);
    expect(shown.filter((step) => !written.includes(step))).toEqual([]);
    expect(shown.length).toBeGreaterThanOrEqual(2);

    // Then the help, grouped under headings in a fixed order, for this country (none named while it is unknown).
    const groups = sectionsOf(services, register);
    expect(groups.map((g) => g.group)).toEqual(HELP_GROUPS.filter((group) => groups.some((g) => g.group === group)));
    expect(groups[0]?.group).toBe('talk');
    for (const g of groups) {
      expect(g.heading).toBe(`${answers.headings[g.group][register]}${country ? ` (${country.name})` : ''}`);
      expect(g.lines.length).toBeGreaterThan(0);
      expect(g.lines.every((line) => /^- \S/.test(line))).toBe(true);
    }
  });

  it.each(CASES)('to %s about %s: lists each service under what it is (no reporting or image site as someone to talk to), and reporting services only for the worries they take', (audience, category) => {
    const groups = sectionsOf(safetyAnswer(answers, helplines, category, audience, country)[2], registerFor(audience));
    const talk = groups.find((g) => g.group === 'talk')?.lines ?? [];
    const report = groups.find((g) => g.group === 'report')?.lines ?? [];
    const images = groups.find((g) => g.group === 'images')?.lines ?? [];
    expect(talk.filter((line) => [...REPORTING_SERVICES.map((r) => r.name), ...IMAGE_SERVICES].some((name) => line.includes(name)))).toEqual([]);
    expect(report.filter((line) => !REPORTING_SERVICES.some((r) => line.includes(r.name) && r.for.includes(category)))).toEqual([]);
    expect(images.filter((line) => !IMAGE_SERVICES.some((name) => line.includes(name)))).toEqual([]);
  });

  it.each(CASES)('to %s about %s: a step points to a kind of service below only when one is listed', (audience, category) => {
    const [, steps, services] = safetyAnswer(answers, helplines, category, audience, country);
    const groups = sectionsOf(services, registerFor(audience));
    const talk = groups.find((g) => g.group === 'talk')?.lines ?? [];
    const callable = talk.some((line) => !line.includes(INTERNATIONAL_CHILD_HELPLINES.name));
    const has = (group: string) => groups.some((g) => g.group === group);
    for (const step of steps.split('\n')) {
      if (/\bhelplines? below\b/.test(step)) expect({ step, callable }).toEqual({ step, callable: true });
      if (/\b(?:reporting service|the service) below\b/.test(step)) expect({ step, report: has('report') }).toEqual({ step, report: true });
      if (/\bimage-removal services? below\b|\bservices below can help get it taken down\b/.test(step)) expect({ step, images: has('images') }).toEqual({ step, images: true });
    }
  });

  it.each(CASES)(`to %s about %s: shows only phone numbers and web addresses of ${country ? `${placeName}'s` : 'the international'} services in helplines.yaml`, (audience, category) => {
    const text = safetyAnswer(answers, helplines, category, audience, country).join('\n');
    const ownNumbers = NUMBERS_OF.get(placeName) ?? new Set();
    const ownAddresses = ADDRESSES_OF.get(placeName) ?? new Set();
    expect(numbersIn(text).filter((digits) => !ownNumbers.has(digits)).map((digits) => `${digits} (${placesWith(NUMBERS_OF, digits)})`)).toEqual([]);
    expect(addressesIn(text).filter((address) => !ownAddresses.has(address)).map((address) => `${address} (${placesWith(ADDRESSES_OF, address)})`)).toEqual([]);
  });

  it.each(CASES)("to %s about %s: shows no other country's number or address (helplines.md)", (audience, category) => {
    const text = safetyAnswer(answers, helplines, category, audience, country).join('\n');
    const place = country?.id ?? 'international';
    const foreign = NATIONAL.filter(([owners]) => !owners.split(',').includes(place)).flatMap(([owners, items, source]) => items.filter((item) => shows(text, item)).map((item) => `${item} (of ${owners}, ${source})`));
    expect(foreign).toEqual([]);
  });

  it.each(CASES)('to %s about %s: shows no placeholder, missing value or number known to be wrong', (audience, category) => {
    const text = safetyAnswer(answers, helplines, category, audience, country).join('\n');
    expect(text).not.toMatch(/[{}]|\bundefined\b|\bnull\b|\bNaN\b|\[object|\(\s*\)|:\s*,|,\s*,|\s:\s|^- *$/m);
    expect(NEVER_SHOWN.filter(({ text: never }) => shows(text, never)).map(({ text: never, why }) => `${never}: ${why}`)).toEqual([]);
    if (country?.id === 'za') expect(numbersIn(text).filter((digits) => NEVER_IN_SOUTH_AFRICA.includes(digits))).toEqual([]);
  });

  const expected = country ? CHILD_HELPLINE[country.id] : undefined;
  const listed = expected ? `${expected.name} ${expected.number} (${expected.source})` : country ? 'its services' : INTERNATIONAL_CHILD_HELPLINES.name;
  it.each(SAFETY_CATEGORIES)(`to a child about %s: lists ${listed}, and no service only for adults`, (category) => {
    const services = safetyAnswer(answers, helplines, category, 'children', country)[2];
    const lines = services.split('\n');
    const talk = sectionsOf(services, 'children').find((g) => g.group === 'talk')?.lines ?? [];
    if (expected) {
      // helplines.md gives the name and number: the first line of someone to talk to shows both.
      expect(lines.filter((line) => line.includes(expected.name) && line.includes(expected.number))).toHaveLength(1);
      expect(talk[0]).toContain(expected.name);
    } else {
      // No child helpline verified (or the country unknown): the worldwide directory, first.
      expect(talk[0]).toContain(INTERNATIONAL_CHILD_HELPLINES.name);
      expect(addressesIn(talk[0])).toContain(INTERNATIONAL_CHILD_HELPLINES.address);
    }
    expect(ADULTS_ONLY.filter((adult) => services.toLowerCase().includes(adult.toLowerCase()))).toEqual([]);
  });

  it.each(['sextortion', 'images-shared'] as const)('about %s: shows a child Take It Down and an adult StopNCII.org', (category) => {
    expect(addressesIn(safetyAnswer(answers, helplines, category, 'children', country)[2])).toContain(TAKE_IT_DOWN);
    expect(addressesIn(safetyAnswer(answers, helplines, category, 'general', country)[2])).toContain(STOP_NCII);
  });
});

describe('the review findings of issue 15 stay fixed', () => {
  const country = (id: string): CountryHelp => {
    const found = helplines.countries.find((c) => c.id === id);
    if (!found) throw new Error(`no country ${id}`);
    return found;
  };
  const talkOf = (category: (typeof SAFETY_CATEGORIES)[number], audience: 'children' | 'parents-educators' | 'general', id: string) =>
    sectionsOf(safetyAnswer(answers, helplines, category, audience, country(id))[2], registerFor(audience)).find((g) => g.group === 'talk')?.lines ?? [];

  it('1: a child is never shown a reporting site under "Talk to someone now"', () => {
    for (const id of ['gb', 'us', 'au', 'ca', 'br', 'jp']) {
      const talk = talkOf('images-shared', 'children', id).join('\n');
      expect(['Take It Down', 'Internet Watch Foundation', 'FBI', 'CyberTipline', 'INHOPE', 'Disque 100'].filter((name) => talk.includes(name))).toEqual([]);
    }
  });

  it.each(['br', 'gh'])('2: in %s, where only a reporting line is verified, no step promises a child helpline "there to listen"', (id) => {
    for (const category of SAFETY_CATEGORIES) {
      const [, steps] = safetyAnswer(answers, helplines, category, 'children', country(id));
      expect({ category, steps }).not.toEqual({ category, steps: expect.stringMatching(/helpline below/) });
      expect(talkOf(category, 'children', id)).toEqual([expect.stringContaining('Child Helpline International')]);
    }
  });

  it('2: Disque 100 is offered as a place to report abuse, not as someone to talk to', () => {
    const text = safetyAnswer(answers, helplines, 'abuse-at-home', 'children', country('br'))[2];
    expect(text).toMatch(/Where to report it \(Brazil\):\n- Disque 100/);
  });

  it.each(['gb', 'ie', 'de', 'in'])('3: grooming and abuse at home in %s never send the user to a child sexual abuse image hotline', (id) => {
    for (const category of ['grooming', 'abuse-at-home', 'physical-danger'] as const) {
      for (const audience of AUDIENCES) {
        const text = safetyAnswer(answers, helplines, category, audience, country(id)).join('\n');
        expect({ category, audience, iwf: text.includes('Internet Watch Foundation'), inhope: text.includes('INHOPE'), step: /reporting service below/.test(text) }).toEqual({ category, audience, iwf: false, inhope: false, step: false });
      }
    }
  });

  it('4: Australia, self-harm: Kids Helpline first; Lifeline (over 25s) never to a child, and after Kids Helpline to a parent', () => {
    expect(talkOf('self-harm', 'children', 'au')).toEqual([expect.stringContaining('Kids Helpline: 1800 55 1800')]);
    const parent = talkOf('self-harm', 'parents-educators', 'au');
    expect(parent[0]).toContain('Kids Helpline: 1800 55 1800');
    expect(parent.findIndex((line) => line.includes('Lifeline'))).toBeGreaterThan(0);
  });
});

describe('the words a child reads (issue 15, point 7)', () => {
  /** Vowel groups: a rough syllable count, enough to catch long words. */
  const syllables = (word: string) => Math.max(1, (word.toLowerCase().replace(/e$/, '').match(/[aeiouy]+/g) ?? []).length);
  /** Long words every child knows from safety lessons. */
  const KNOWN = new Set(['emergency']);
  const childLines = [
    ['check-in', answers.checkIn.children],
    ...Object.entries(answers.categories).flatMap(([category, text]) => [[`${category} opening`, text.opening.children], ...text.steps.children.map((step) => [`${category} step`, typeof step === 'string' ? step : step.text])]),
  ];

  it.each(childLines)('%s: short sentences (at most 18 words) of everyday words: "%s"', (_, line) => {
    for (const sentence of line.split(/(?<=[.!?])\s+/)) {
      const words = sentence.match(/[A-Za-z']+/g) ?? [];
      expect({ sentence, words: words.length }).toEqual({ sentence, words: Math.min(words.length, 18) });
      expect({ sentence, long: words.filter((word) => syllables(word) >= 4 && !KNOWN.has(word.toLowerCase())) }).toEqual({ sentence, long: [] });
    }
    // "You have the right to say NO" was too abstract for a young reader: say what they can do.
    expect(line).not.toMatch(/\bthe right to\b/);
  });
});

import { countries } from 'countries-list';
import { isCommonWord } from '../knowledge/commonWords';

/** What the finder knows of words: common English, the knowledge base's own vocabulary. */
export interface Vocabulary {
  /** A word of the knowledge base (apps, games, organisations, public figures, topics): never a person or a home town. */
  isKnown(lower: string): boolean;
}

export type NameOrPlaceKind = 'name' | 'place' | 'school' | 'address';

export interface NameOrPlaceSpan {
  start: number;
  /** Exclusive. */
  end: number;
  kind: NameOrPlaceKind;
}

interface Token {
  text: string;
  /** Part of a country's name ("Kenya", "New Zealand", "the United Kingdom"). */
  country: boolean;
  lower: string;
  start: number;
  end: number;
  capital: boolean;
  /** Punctuation (, . ! ? ; :) stands between this token and the one before. */
  breakBefore: boolean;
}

const TOKEN = /[\p{L}\p{M}]+(?:['’.-][\p{L}\p{M}]+)*['’]?|\d+/gu;

/** The words of a text as the finder reads them (lower case, curly apostrophes straight, no numbers). */
export function wordsIn(text: string): string[] {
  return tokenize(text).flatMap((token) => (/^\d/.test(token.lower) ? [] : [token.lower]));
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    const word = match[0];
    const lower = word.toLowerCase().replace(/’/g, "'");
    tokens.push({ text: word, lower, country: COUNTRY_WORDS.has(lower), start, end: start + word.length, capital: /^\p{Lu}/u.test(word), breakBefore: /[,.!?;:()"]/.test(text.slice(last, start)) });
    last = start + word.length;
  }
  for (let i = 0; i < tokens.length; i++) {
    for (let length = Math.min(LONGEST_COUNTRY, tokens.length - i); length > 1; length--) {
      if (!COUNTRY_PHRASES.has(tokens.slice(i, i + length).map((t) => t.lower).join(' '))) continue;
      for (let k = i; k < i + length; k++) tokens[k].country = true;
      break;
    }
  }
  return tokens;
}

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/** Words that end a name or a place, and never start one. */
const FUNCTION_WORDS = words(`
  a an the and or but so if then than that this these those there here who whom whose which what when where why how
  i i'm im iam me my mine we we're our us you your u ur he he's his him she she's her they their them it it's its
  is am are was were be been being has have had do does did will would can could should shall may might must
  not no yes ok okay to of in on at by for from with about as into onto over under after before since until
  told said says say asks asked keeps kept wants want wanted goes go went gets got get made make makes sent sends
  also just only really very still too even again aged age years year yrs yo old turning turned
  mum mom mam dad father mother son daughter child children kid kids boy girl brother sister friend
  teacher student pupil parent school class year grade group online game games app apps chat
  hi hey hello hiya yo thanks thank please pls lol omg idk tbh btw rn bc cuz cos coz gonna wanna tryna kinda
  sir madam miss mr mrs ms dr mx
`);

/** Words that say what someone is rather than who: "I'm scared", "I'm new", "I'm a teacher". */
const NOT_A_NAME = words(`
  hurt crying alone depressed suicidal bullied abused unhappy terrified frightened ashamed embarrassed stressed desperate
  hopeless worthless ugly fat stupid different gay trans bi lesbian queer disabled autistic deaf blind pregnant homeless
  hungry cold dying broken trapped stuck lonely panicking shaking bleeding hiding missing grounded banned blocked hacked
  scared worried sad new confused upset nervous bored lonely fine good bad sorry sure afraid happy angry stuck lost
  here there back home done ready late alone safe unsafe worried anxious tired sick ill curious interested
  actually also still only just kinda like literally currently really honestly basically
  teacher parent mum mom dad student pupil kid child girl boy teen teenager adult grandparent carer guardian
  head headteacher principal deputy lead manager officer director advisor adviser minister researcher
  british english irish scottish welsh american canadian australian indian kenyan nigerian
`);

/** Someone's relation, after which a name often follows: "my son Ali", "my friend Hope". */
const RELATIONS = words(`
  year-old twins twin kids children sons daughters son daughter child kid boy girl brother sister bro sis friend bestie bff cousin student pupil nephew niece
  grandson granddaughter grandkids grandchild grandad granddad grandpa grandma granny nan nana gran grandmother grandfather
  auntie aunt uncle stepson stepdaughter husband wife partner mum mom mam dad teacher classmate neighbour neighbor
`);

/** Who is somewhere: "I'm in …", "a parent in …", "a volunteer from …", "my son in …". */
const SELF_OR_ROLE = words(`im i'm am are we're were here is parent parents mum mom mam dad mother father teacher carer volunteer operator
  company telco ngo charity office ministry family two three four five officer worker staff member firm startup business
  agency department university council`);

/** Schools named in other languages, the kind first: "Lycée Jean Moulin", "Ysgol Glan Morfa". */
const SCHOOL_FIRST = words('lycée lycee ysgol escola escuela colegio scuola école ecole gymnasium liceo instituto collège coláiste colaiste gaelscoil scoil');

const TITLES = words('mr mrs ms miss dr mx sir prof hon rev dame lord lady mme mlle sra sr herr frau');

const SCHOOL_WORDS = words('primary secondary high elementary middle junior infant infants grammar academy college school prep montessori');
/** Words that do not make a school name on their own: "my high school", "the local primary". */
const GENERIC_SCHOOL = words(`my the a our his her your their this that at to in from primary secondary high middle junior senior public
  private local new boarding catholic international state village big small same other secondary school schools`);

const MONTHS = words('january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec');

/**
 * Country names and their common aliases, as word lists ("kenya", "cape verde", "united kingdom"): the bot needs
 * the country (for helplines), so it is never redacted. A one-word name is a country wherever it stands; a longer
 * one only where all its words stand together (so "Cape Town" is not part of Cape Verde).
 */
const COUNTRY_PHRASES: ReadonlySet<string> = (() => {
  const found = new Set<string>();
  for (const country of Object.values(countries)) {
    for (const name of [country.name, ...(country.alias ?? [])]) found.add(name.toLowerCase().replace(/[,()]/g, ' ').replace(/\s+/g, ' ').trim());
  }
  return found;
})();
/** One-word names, and the words of longer ones that are no English words ("korea", "zealand", "verde"). */
const COUNTRY_WORDS: ReadonlySet<string> = new Set([...COUNTRY_PHRASES].flatMap((phrase) => (phrase.includes(' ') ? phrase.split(' ').filter((word) => word.length > 3 && !isCommonWord(word)) : [phrase])));
const LONGEST_COUNTRY = Math.max(...[...COUNTRY_PHRASES].map((phrase) => phrase.split(' ').length));

const US_STATES = 'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC';
const AU_STATES = 'NSW VIC QLD WA SA TAS ACT NT';
const CA_PROVINCES = 'AB BC MB NB NL NS NT NU ON PE QC SK YT';

/** Postcodes, each written as people write them; a town just before one is taken with it. */
const POSTCODES: RegExp[] = [
  // UK: "LS6 3AB", "SW1A 1AA" (not "b2 3rd": an ordinal is no postcode).
  /\b[A-Z]{1,2}\d[A-Z\d]?\s?\d(?!st|nd|rd|th)[A-Z]{2}\b/gi,
  // Canada: "K1A 0B6".
  /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b/gi,
  // Ireland (Eircode): "D02 X285".
  /\b[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y0-9]{4}\b/g,
  // A US state, an Australian state or a Canadian province with its code: "GA 30310", "NSW 2000", "ON M4E 2V1";
  // in lower case only where the code is no English word ("atlanta ga 30310", but not "the Act 2023").
  ...[US_STATES, AU_STATES].flatMap((codes) => {
    const digits = codes === US_STATES ? String.raw`\d{5}(?:-\d{4})?` : String.raw`\d{4}`;
    const lowerToo = codes.split(' ').filter((code) => !isCommonWord(code.toLowerCase()));
    return [new RegExp(String.raw`\b(?:${codes.replace(/ /g, '|')})\s+${digits}\b`, 'g'), new RegExp(String.raw`\b(?:${lowerToo.join('|')})\s+${digits}\b`, 'gi')];
  }),
  new RegExp(String.raw`\b(?:${CA_PROVINCES.replace(/ /g, '|')})\b(?=\s+[A-Z]\d[A-Z])`, 'g'),
  // Said to be one: "my postcode is 2000", "zip 90210", "pin code 400001".
  /\b(?:post\s?code|postal code|zip(?: code)?|pin(?: ?code)?)\s*(?:is|:)?\s*[A-Z0-9]{3,4}\s?[A-Z0-9]{0,4}\b/gi,
];

const STREET_TYPES = 'street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|court|ct|crescent|place|pl|boulevard|blvd|terrace|gardens|grove|square|hill|row|walk|mews|parade|highway|hwy|marg|nagar';
const STREETS: RegExp[] = [
  // "12 Oak Street", "221b Baker St", "Flat 3, 45 Maple Ave".
  new RegExp(String.raw`\b(?:(?:flat|apt|apartment|unit)\s+\d+[a-z]?,?\s+)?\d{1,5}[a-z]?\s+(?:[\p{L}'’-]+\s+){1,3}(?:${STREET_TYPES})\b`, 'giu'),
  // "on Kowhai Street", "in Baker Road": a named street without its number.
  new RegExp(String.raw`(?<=\b(?:on|in|at|off)\s)(?:\p{Lu}[\p{L}'’-]*\s+){1,2}(?:Street|Road|Avenue|Lane|Drive|Close|Crescent|Terrace|Grove|Boulevard|Parade|Mews)\b`, 'gu'),
  // "Unit 4", "Flat 2B", "Suite 300"; "Harbour Business Park", "Riverside Industrial Estate".
  /\b(?:unit|flat|apt|apartment|suite)\s+\d+[a-z]?\b/gi,
  /\b(?:\p{Lu}[\p{L}'’-]*\s+){1,3}(?:business park|industrial estate|trading estate|retail park)\b/gu,
  // "25 Rue de la Loi", "3 Calle Mayor".
  /\b\d{1,5}[a-z]?,?\s+(?:rue|rua|calle|via|avenida|carrer)\s+(?:[\p{L}'’-]+\s+){0,3}[\p{L}'’-]+/giu,
  // "Rua das Flores 112", "Calle Mayor 5", "Hauptstraße 7".
  /\b(?:rua|calle|avenida|via|rue|carrer|ulica|ul\.)\s+(?:[\p{L}'’-]+\s+){1,4}\d{1,5}[a-z]?\b/giu,
  /\b[\p{L}-]+(?:straße|strasse|weg|gasse|platz)\s+\d{1,5}[a-z]?\b/giu,
];

/** One message being scanned: its words, what was found so far, and phrase tests on the words. */
class Scan {
  readonly tokens: Token[];
  readonly spans: NameOrPlaceSpan[] = [];

  constructor(readonly text: string) {
    this.tokens = tokenize(text);
  }

  /** The words from `i` on are `phrase`, with no punctuation inside it. */
  readonly at = (i: number, ...phrase: string[]): boolean => phrase.every((word, k) => this.tokens[i + k]?.lower === word && (k === 0 || !this.tokens[i + k].breakBefore));

  /** Word `i` starts the message, or only a greeting came before it. */
  readonly atStart = (i: number): boolean => i === 0 || (i === 1 && /^(hi|hey|hello|hiya|yo|dear|ok|so|um)$/.test(this.tokens[0].lower));
}

export class NamesAndPlaces {
  constructor(private readonly vocabulary: Vocabulary) {}

  /** A word of the bot's own that is no everyday English word ("roblox", "sango", "silvia"): never a private name. */
  private proper(lower: string): boolean {
    return this.vocabulary.isKnown(lower) && !isCommonWord(lower);
  }

  /** A word that means something to the bot or in English, or a country: not, by itself, a name or a home town. */
  private known(lower: string): boolean {
    return isCommonWord(lower) || this.vocabulary.isKnown(lower) || COUNTRY_WORDS.has(lower) || FUNCTION_WORDS.has(lower) || MONTHS.has(lower);
  }

  /** Could start a name: a capitalised word that is not a country or the bot's own vocabulary, or a word nobody knows. */
  private nameLike(token: Token | undefined): boolean {
    if (!token || /^\d/.test(token.lower) || FUNCTION_WORDS.has(token.lower) || NOT_A_NAME.has(token.lower) || token.country) return false;
    if (this.proper(token.lower) || MONTHS.has(token.lower)) return false;
    return token.capital || !this.known(token.lower);
  }

  /**
   * After a cue ("I'm …", "my son …", "Mrs …"), a word may be a name even if a public figure of the bot's own
   * shares it ("I'm Sandra"), unless the figure's whole name follows ("Sandra Pandi").
   */
  private cuedName(tokens: Token[], i: number): boolean {
    const token = tokens[i];
    if (this.nameLike(token)) return true;
    return !!token && token.capital && this.proper(token.lower) && !this.proper(tokens[i + 1]?.lower ?? '');
  }

  /** A name from `tokens[i]` on: the first word and the surname-like words after it (at most four), up to punctuation. */
  private nameFrom(tokens: Token[], i: number): NameOrPlaceSpan {
    let j = i;
    while (j + 1 < tokens.length && j - i < 3 && !tokens[j + 1].breakBefore && (tokens[i].capital ? tokens[j + 1].capital : true) && this.nameLike(tokens[j + 1]) && !NOT_A_NAME.has(tokens[j + 1].lower)) j++;
    return { start: tokens[i].start, end: tokens[j].end, kind: 'name' };
  }

  /** A name, and a second one joined to it by "and" ("Rose and Lily"). */
  private namesFrom(tokens: Token[], i: number): NameOrPlaceSpan[] {
    const first = this.nameFrom(tokens, i);
    const after = tokens.findIndex((t) => t.start >= first.end);
    if (after < 0 || tokens[after].lower !== 'and' || !tokens[after + 1]?.capital || !this.nameLike(tokens[after + 1])) return [first];
    return [first, this.nameFrom(tokens, after + 1)];
  }

  /** Places that follow a cue: capitalised or unknown words, not countries (which the bot needs). */
  private placeFrom(tokens: Token[], i: number, strong: boolean): NameOrPlaceSpan | undefined {
    let j = i;
    // After a strong cue a capitalised word or one that is no English word ("live in sydney", not "live in fear").
    const placeWord = (t: Token | undefined) =>
      !!t && !t.country && !FUNCTION_WORDS.has(t.lower) && !/^\d/.test(t.lower) && (strong ? t.capital || !isCommonWord(t.lower) : !this.proper(t.lower) && (t.capital || !this.known(t.lower)));
    if (!placeWord(tokens[i])) return undefined;
    // "in New York": a known word may start a place when a capitalised unknown one follows.
    while (j + 1 < tokens.length && j - i < 2 && !tokens[j + 1].breakBefore && tokens[j + 1].capital && placeWord(tokens[j + 1])) j++;
    const run = tokens.slice(i, j + 1);
    if (!strong && run.every((t) => this.known(t.lower))) return undefined;
    return { start: tokens[i].start, end: tokens[j].end, kind: 'place' };
  }

  /** Every name, home town, school and street in a message. */
  find(text: string): NameOrPlaceSpan[] {
    const scan = new Scan(text);
    const { tokens, spans } = scan;
    // Streets and postcodes first: a town right after one ("12 Oak Way in Bristol") is found from it below.
    for (const pattern of STREETS) for (const match of text.matchAll(pattern)) spans.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, kind: 'address' });
    for (const pattern of POSTCODES) for (const match of text.matchAll(pattern)) spans.push(this.withTownBefore(tokens, match.index ?? 0, (match.index ?? 0) + match[0].length));
    // Word by word, in this order: a place is found after the name or school just before it.
    for (let i = 0; i < tokens.length; i++) {
      this.namesAt(scan, i);
      this.placesAt(scan, i);
      this.schoolsAt(scan, i);
    }
    spans.push(...this.placesWithCodes(text, tokens, spans.filter((span) => span.kind === 'address')));
    // "St Columba's National School, Sligo", "12 Ermou Street, Athens": the town written after a school or street.
    for (const span of [...spans]) {
      if (span.kind !== 'school' && span.kind !== 'address') continue;
      const after = tokens.findIndex((t) => t.start >= span.end);
      const town = tokens[after];
      if (town?.breakBefore && town.capital && !this.known(town.lower) && /^[\s,]+$/.test(text.slice(span.end, town.start))) spans.push({ start: town.start, end: town.end, kind: 'place' });
    }
    return spans;
  }

  /** Names from word `i` on: after "my name is", "I'm", "my son", a title; signed with an age; two or more unknown capitalised words. */
  private namesAt(scan: Scan, i: number): void {
    const { tokens, spans, text, at, atStart } = scan;
    const next = (n: number) => tokens[i + n];
    // Strong cues: whatever follows is a name.
    // Signed: "…? thanks, Quillon", "cheers Amara", "From Marisol Etxeberria: …".
    const signOff = /^(thanks|thank|thx|cheers|regards|love|best|sincerely|from)$/.test(tokens[i].lower) && next(1)?.capital && (tokens[i].lower !== 'from' || i === 0);
    if (signOff && /^(,|\s)\s*$/.test(text.slice(tokens[i].end, next(1).start)) && this.cuedName(tokens, i + 1)) {
      const name = this.nameFrom(tokens, i + 1);
      const endsThere = !tokens.some((t) => t.start >= name.end && !t.breakBefore) || /^\s*[:.!-]/.test(text.slice(name.end));
      if (endsThere) spans.push(name);
    }
    // "…, name Penny Marsh".
    if (tokens[i].lower === 'name' && next(1)?.capital && !next(1).breakBefore && this.cuedName(tokens, i + 1)) spans.push(this.nameFrom(tokens, i + 1));
    // ("call me" is weak: "they call me names" is bullying, not a name.)
    for (const cue of [['my', 'name', 'is'], ['my', "name's"], ['my', 'names'], ['name', 'is'], ["i'm", 'called'], ['im', 'called'], ['i', 'am', 'called'], ['call', 'me'], ['named'], ['called']]) {
      if (!at(i, ...cue)) continue;
      const first = next(cue.length);
      const strong = !['named', 'called', 'call'].includes(cue[0]);
      if (first && !first.breakBefore && !FUNCTION_WORDS.has(first.lower) && !/^\d/.test(first.lower) && (strong || this.nameLike(first))) spans.push(this.nameFrom(tokens, i + cue.length));
    }
    // "I'm Kai", "im priya sharma from Pune", "hi its grace": a name unless it says what someone is.
    const selfCue = at(i, 'i', 'am') ? 2 : at(i, "i'm") || at(i, 'im') || at(i, 'iam') ? 1 : (at(i, "it's") || at(i, 'its') || at(i, 'this', 'is')) && atStart(i) ? (at(i, 'this') ? 2 : 1) : 0;
    if (selfCue) {
      const first = next(selfCue);
      if (first && !first.breakBefore && this.cuedName(tokens, i + selfCue)) spans.push(this.nameFrom(tokens, i + selfCue));
      else if (first && !first.breakBefore && !FUNCTION_WORDS.has(first.lower) && !NOT_A_NAME.has(first.lower) && !/(ed|ing|ly)$/.test(first.lower) && isCommonWord(first.lower)) {
        // "im summer and im 10", "im grace, 9": an everyday word that is a name when the message goes on as names do
        // (and not "im hurt": how someone feels must reach the safety check and the search as written).
        const after = next(selfCue + 1);
        const then = next(selfCue + 2);
        const goesOn = after && ((after.lower === 'and' && /^(i|im|i'm|me)$/.test(then?.lower ?? '')) || /^(here|from|aged)$/.test(after.lower) || (after.breakBefore && /^(\d.*|im|i'm|i|aged)$/.test(after.lower)));
        if (goesOn) spans.push(this.nameFrom(tokens, i + selfCue));
      }
    }
    // "yusuf haddad 12 here", "hemi parata, 13, from …", "jakub lewandowski 11": a signature of name and age at the start.
    if (i === 0) {
      let end = 0;
      while (end + 1 < tokens.length && end < 3 && !tokens[end + 1].breakBefore && this.nameLike(tokens[end + 1])) end++;
      const age = tokens[end + 1];
      if (this.nameLike(tokens[0]) && end >= 1 && age && /^\d{1,2}$/.test(age.lower) && tokens[end].end < age.start) spans.push({ start: tokens[0].start, end: tokens[end].end, kind: 'name' });
    }
    // "Priya and Rohan Verma here".
    if (atStart(i) && next(1)?.lower === 'and') {
      const here = tokens.findIndex((t, k) => k > i + 1 && k <= i + 5 && t.lower === 'here');
      const run = here > 0 ? tokens.slice(i, here) : [];
      if (run.length > 0 && run.every((t) => t.lower === 'and' || (t.capital && this.nameLike(t)))) spans.push({ start: tokens[i].start, end: tokens[here - 1].end, kind: 'name' });
    }
    // "wei ming here", "Ruby here from …" at the start (not "Grandad here", "Teacher here").
    const whoHere = (t: Token) => this.nameLike(t) && !RELATIONS.has(t.lower) && !SELF_OR_ROLE.has(t.lower);
    if (atStart(i) && next(1)?.lower === 'here' && whoHere(tokens[i])) spans.push({ start: tokens[i].start, end: tokens[i].end, kind: 'name' });
    if (atStart(i) && next(2)?.lower === 'here' && !next(1)?.breakBefore && whoHere(tokens[i]) && whoHere(next(1))) spans.push({ start: tokens[i].start, end: next(1).end, kind: 'name' });
    // "Foster carer here, Julie Ann McBride": a name signed after "here,".
    if (tokens[i].lower === 'here' && next(1)?.breakBefore && next(1).capital && this.cuedName(tokens, i + 1) && /^,\s*$/.test(text.slice(tokens[i].end, next(1).start))) {
      spans.push(this.nameFrom(tokens, i + 1));
    }
    // "my son Ali", "my friend Hope", "My son Will", "My 14-year-old, Sebastián," "Mum of Hiroshi".
    const possessive = /^(my|our|his|her|their)$/.test(tokens[i].lower) || (/'s$/.test(tokens[i].lower) && RELATIONS.has(tokens[i].lower.slice(0, -2)));
    if (possessive) {
      // "my son Ali", "my big sis Chiamaka", "my son's friend Tomás", "my friend pearl said".
      let k = /^\d+$/.test(next(1)?.lower ?? '') || /^(big|little|older|younger|best|eldest|oldest|youngest|twin|baby|step)$/.test(next(1)?.lower ?? '') ? 2 : 1;
      if (/'s$/.test(tokens[i].lower)) k = 1;
      const relation = next(k);
      const first = next(k + 1);
      if (relation && RELATIONS.has(relation.lower) && first && (!first.breakBefore || first.capital)) {
        const verbAfter = /^(said|says|told|tells|is|was|has|keeps|kept|wants|got|sent|asked|showed|saw)$/.test(next(k + 2)?.lower ?? '');
        const named = first.capital
          ? !/^(is|was|has|had|and|who|i)$/.test(first.lower) && !this.proper(first.lower) && !first.country
          : this.nameLike(first) || (verbAfter && !FUNCTION_WORDS.has(first.lower) && !NOT_A_NAME.has(first.lower) && !first.country && !this.proper(first.lower) && !/(ed|ing|ly)$/.test(first.lower));
        if (named) spans.push(...this.namesFrom(tokens, i + k + 1));
      }
    }
    // "Kavya's mum", "the Nakamura family".
    if (tokens[i].capital && /'s$/.test(tokens[i].lower) && /^(mum|mom|mam|dad|mother|father|parents|teacher|carer)$/.test(next(1)?.lower ?? '') && !this.proper(tokens[i].lower.slice(0, -2))) {
      spans.push({ start: tokens[i].start, end: tokens[i].end - 2, kind: 'name' });
    }
    if (tokens[i].lower === 'the' && next(1)?.capital && next(2)?.lower === 'family' && this.nameLike(next(1))) spans.push({ start: next(1).start, end: next(1).end, kind: 'name' });
    if (/^(mum|mom|mam|mother|dad|father|parent|carer)$/.test(tokens[i].lower) && next(1)?.lower === 'of' && next(2)?.capital && this.nameLike(next(2))) spans.push(...this.namesFrom(tokens, i + 2));
    // "bill and me got asked", "kiaan and i are 10".
    if (atStart(i) && next(1)?.lower === 'and' && /^(i|me)$/.test(next(2)?.lower ?? '') && !FUNCTION_WORDS.has(tokens[i].lower) && !NOT_A_NAME.has(tokens[i].lower) && !this.proper(tokens[i].lower) && !tokens[i].country) {
      spans.push({ start: tokens[i].start, end: tokens[i].end, kind: 'name' });
    }
    // "Mrs Okafor", "Mr. Delacroix".
    const religious = tokens[i].capital && /^(sister|brother|father|fr|sr)$/.test(tokens[i].lower);
    if ((TITLES.has(tokens[i].lower) || religious) && next(1)?.capital && /^\.?\s+$/.test(text.slice(tokens[i].end, next(1).start)) && this.cuedName(tokens, i + 1)) spans.push(this.nameFrom(tokens, i + 1));
    // Two capitalised words, one of them no word of English nor of the bot: "Ava Thornton", "Bronwyn Price" (not
    // "the Nintendo Switch" or "tips for Xbox Live": products come after such words).
    const productBefore = /^(the|a|an|on|for|play|playing|use|using|with|buy|bought|got)$/.test(tokens[i - 1]?.lower ?? '');
    // Exactly two: a longer run of capitals is a title ("World Radiocommunication Conference").
    const twoCapitals = tokens[i].capital && next(1)?.capital && !next(1)?.breakBefore && !(tokens[i - 1]?.capital && !tokens[i].breakBefore) && !(next(2)?.capital && !next(2)?.breakBefore);
    const institution = SCHOOL_WORDS.has(next(1)?.lower ?? '') || /^(st|saint)$/.test(tokens[i].lower);
    if (twoCapitals && !productBefore && !institution && (!this.known(tokens[i].lower) || !this.known(next(1).lower)) && this.nameLike(tokens[i]) && this.nameLike(next(1))) {
      spans.push(this.nameFrom(tokens, i));
    }
    // Three or four capitalised words none of which English or the bot knows: "Nguyen Thi Lan".
    if (tokens[i].capital && !(tokens[i - 1]?.capital && !tokens[i].breakBefore) && !productBefore) {
      let end = i;
      while (end + 1 < tokens.length && end - i < 3 && tokens[end + 1].capital && !tokens[end + 1].breakBefore && !this.known(tokens[end + 1].lower) && this.nameLike(tokens[end + 1])) end++;
      if (end - i >= 2 && !this.known(tokens[i].lower) && this.nameLike(tokens[i])) spans.push({ start: tokens[i].start, end: tokens[end].end, kind: 'name' });
    }
  }

  /** Home towns said of oneself, from word `i`: "I live in Bendigo", "im kai from leeds", "a parent in Nairobi". */
  private placesAt(scan: Scan, i: number): void {
    const { tokens, spans, at } = scan;
    const next = (n: number) => tokens[i + n];
    // Home towns, said of oneself: "I live in Bendigo", "im kai from leeds", "Ruby here from …", "we're in Hamilton"
    // (not "COP28 in Dubai" or "SafeSearch in Google": a place is personal when it is where someone lives).
    const strongPlace = at(i, 'live', 'in') || at(i, 'lives', 'in') || at(i, 'living', 'in') || at(i, 'based', 'in') || at(i, 'moved', 'to') || at(i, 'grew', 'up', 'in');
    const before = tokens[i - 1];
    const afterSpan = !!before && spans.some((span) => span.end === before.end);
    // An age just before ("14 from Kisumu", "13, from …"), not the digits of a word ("COP28 in Dubai").
    const ageBefore = !!before && /^\d{1,2}$/.test(before.lower) && (i < 2 || tokens[i - 2].end < before.start);
    const selfBefore = !!before && (SELF_OR_ROLE.has(before.lower) || RELATIONS.has(before.lower) || ageBefore || afterSpan);
    if (strongPlace) {
      const k = at(i, 'grew') ? 3 : 2;
      const place = this.placeFrom(tokens, i + k, true);
      if (place) spans.push(place);
    } else if (/^(from|in|near|outside)$/.test(tokens[i].lower) && selfBefore && next(1) && !next(1).breakBefore) {
      // Right after a school, street or name ("St Joseph's College in Limerick") a town may be an English word too.
      const place = this.placeFrom(tokens, i + 1, afterSpan);
      if (place) spans.push(place);
    }
  }

  /** Schools ending or starting at word `i`: "Riverside Academy", "St Mary's", "Lycée Jean Moulin". */
  private schoolsAt(scan: Scan, i: number): void {
    const { tokens, spans } = scan;
    const next = (n: number) => tokens[i + n];
    // Schools: "Riverside Academy", "St Bride's Primary", "westbrook high school".
    if (SCHOOL_WORDS.has(tokens[i].lower) && !SCHOOL_WORDS.has(tokens[i + 1]?.lower ?? '')) {
      const school = this.schoolEndingAt(tokens, i);
      if (school) spans.push(school);
    }
    // "goes to St Mary's", "at Saint Anne's".
    if (/^(st|st\.|saint)$/.test(tokens[i].lower) && next(1) && !next(1).breakBefore && /['’]s?$/.test(next(1).text)) {
      spans.push({ start: tokens[i].start, end: next(1).end, kind: 'school' });
    }
        if (SCHOOL_FIRST.has(tokens[i].lower) && next(1)?.capital && !next(1).breakBefore) {
      let end = i + 1;
      while (end + 1 < tokens.length && end - i < 3 && tokens[end + 1].capital && !tokens[end + 1].breakBefore) end++;
      spans.push({ start: tokens[i].start, end: tokens[end].end, kind: 'school' });
    }
  }

  /** A school named before its kind: the proper words before "Academy", "High School", … */
  private schoolEndingAt(tokens: Token[], i: number): NameOrPlaceSpan | undefined {
    let start = i;
    while (start - 1 >= 0 && !tokens[start].breakBefore && i - start < 4) {
      const before = tokens[start - 1];
      const proper = before.capital ? !FUNCTION_WORDS.has(before.lower) || /^(st|saint)$/.test(before.lower) : !this.known(before.lower) || SCHOOL_WORDS.has(before.lower) || /['’]s$/.test(before.lower);
      if (!proper || before.country || this.proper(before.lower)) break;
      start--;
    }
    const named = tokens.slice(start, i).some((t) => !GENERIC_SCHOOL.has(t.lower) && !SCHOOL_WORDS.has(t.lower));
    if (!named) return undefined;
    let end = i;
    while (end + 1 < tokens.length && !tokens[end + 1].breakBefore && SCHOOL_WORDS.has(tokens[end + 1].lower)) end++;
    return { start: tokens[start].start, end: tokens[end].end, kind: 'school' };
  }

  /** A postcode with the town written just before it ("Norwich NR4 7TJ", "atlanta ga 30310"): all one place. */
  private withTownBefore(tokens: Token[], start: number, end: number): NameOrPlaceSpan {
    let first = tokens.findIndex((t) => t.start >= start);
    if (first < 0) return { start, end, kind: 'place' };
    while (first - 1 >= 0 && first - tokens.findIndex((t) => t.start >= start) < 3 && !tokens[first].breakBefore) {
      const before = tokens[first - 1];
      if (FUNCTION_WORDS.has(before.lower) || before.country || /^\d/.test(before.lower) || this.proper(before.lower)) break;
      if (!before.capital && this.known(before.lower)) break;
      first--;
    }
    return { start: Math.min(start, tokens[first].start), end, kind: 'place' };
  }

  /** A town and a bare code: "Sydney 2000", "Pune 411001", "1040 Brussels" (not "June 2020" nor "Guidelines 2020"). */
  private placesWithCodes(text: string, tokens: Token[], addresses: readonly NameOrPlaceSpan[]): NameOrPlaceSpan[] {
    const spans: NameOrPlaceSpan[] = [];
    for (let i = 0; i + 1 < tokens.length; i++) {
      const [code, town] = [tokens[i], tokens[i + 1]];
      if (/^\d{4,5}$/.test(code.lower) && !/^(19|20)\d\d$/.test(code.lower) && town.capital && !town.breakBefore && !this.known(town.lower)) spans.push({ start: code.start, end: town.end, kind: 'place' });
    }
    const streetEnds = new Set(addresses.map((span) => span.end));
    for (let i = 1; i < tokens.length; i++) {
      const code = tokens[i];
      const town = tokens[i - 1];
      // "1 Parliament Street, Wellington 6011": right after a street, any capitalised word with a code is the town.
      const afterStreet = town.capital && town.breakBefore && [...streetEnds].some((end) => /^[\s,]+$/.test(text.slice(end, town.start)));
      if (afterStreet && /^\d{4,6}$/.test(code.lower) && !code.breakBefore) {
        spans.push({ start: town.start, end: code.end, kind: 'place' });
        continue;
      }
      if (!/^\d{4,6}$/.test(code.lower) || code.breakBefore) continue;
      if (/^(19|20)\d\d$/.test(code.lower) && code.lower.length === 4) continue;
      if (this.known(town.lower) || /^\d/.test(town.lower)) continue;
      spans.push(this.withTownBefore(tokens, town.start, code.end));
    }
    return spans;
  }
}

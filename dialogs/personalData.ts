import { Culture, recognizeEmail, recognizeIpAddress, recognizeMention, recognizePhoneNumber } from '@microsoft/recognizers-text-sequence';

import { allServices } from '../knowledge/helplines';
import type { KnowledgeBase } from '../knowledge/types';
import { NamesAndPlaces, wordsIn, type Vocabulary } from './namesAndPlaces';
import { mayHoldEmailOrMention, mayHoldIpAddress, mayHoldPhoneNumber } from './recognizerGates';

type ModelResult = ReturnType<typeof recognizeEmail>[number];

/** The kinds of personal data the bot looks for; each is replaced by `[kind]` wherever a message could be kept. */
export type PersonalDataKind = 'phone' | 'email' | 'ip' | 'handle' | 'address' | 'name' | 'place' | 'school';

export interface PersonalDataFinding {
  kinds: PersonalDataKind[];
  /** The message with every piece of personal data replaced by `[phone]`, `[email]`, `[name]`, … */
  redacted: string;
}

interface Span {
  start: number;
  /** Exclusive. */
  end: number;
  kind: PersonalDataKind;
}

/** "2019-2020", "1998 – 2003": a span of years, which the phone recognizer takes for a number. */
const YEARS = /^\s*(?:19|20)\d\d\s*[-–—/]\s*(?:(?:19|20)\d\d|\d\d)\s*$/;

/** "I live at …", "my address is …": the rest of the clause, up to where the sentence moves on. */
const SAYS_ADDRESS = /\b(?:i live at|we live at|my address is|our address is|my home address is)\s+([^.,!?\n]+?)(?=\s+(?:and|but|so|because|in|near)\b|[.,!?\n]|$)/gi;
/** A handle named as one ("my snap is ollie_b_2010", "gamertag is xXBlazeKingXx", "User sk8rboi_77 on …"). */
const SAYS_HANDLE = /\b(?:snap|snapchat|insta|instagram|ig|tiktok|discord|gamertag|username|user name|handle|psn|xbox|roblox|fortnite|minecraft|steam|twitch|user|account)(?:\s+(?:name|username|user|id|tag|account|handle))?(\s*(?:is|:))?\s+([\p{L}\d_.#-]+)/giu;
/** What a handle looks like: digits, underscores or a "#" in it, or a capital inside a word ("xXBlazeKingXx"). */
const HANDLE_LIKE = /[\d_#]|\p{Ll}\p{Lu}/u;

function handleSpans(text: string): Span[] {
  return [...text.matchAll(SAYS_HANDLE)].flatMap((match) => {
    const [whole, said, handle] = match;
    // Without "is" or ":" only a word that can be nothing but a handle: "roblox safe" is no handle.
    if (!HANDLE_LIKE.test(handle) || (!said && !/[\d_#]/.test(handle))) return [];
    const start = (match.index ?? 0) + whole.length - handle.length;
    return [{ start, end: start + handle.replace(/[.-]+$/, '').length, kind: 'handle' as const }];
  });
}
/** An e-mail address written so filters miss it: "kid dot name at gmail dot com", "kid.name(at)gmail.com". */
const SPELT_EMAIL = /\b[\p{L}\d_-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\sdot\s)\s*[\p{L}\d_-]+)*\s*(?:\(at\)|\[at\]|\sat\s)\s*[\p{L}\d-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\sdot\s)\s*[\p{L}\d-]+)*\s*(?:\.|\(dot\)|\[dot\]|\sdot\s)\s*(?:com|org|net|edu|gov|uk|au|ca|ie|in|nz|za|io|co)\b/giu;
/** A phone number typed a digit at a time: "0 7 7 0 0 9 0 0 4 5 6". */
const SPACED_DIGITS = /(?<!\d[\s.-]?)\d(?:[\s.-]\d){8,14}(?![\d])/g;
const AT_HANDLE = /(?<![\w.])@[\p{L}\d_](?:[\p{L}\d_.]*[\p{L}\d_])?/gu;

const fromRecognizer = (results: ModelResult[], kind: PersonalDataKind): Span[] => results.map((r) => ({ start: r.start, end: r.end + 1, kind }));

function patternSpans(text: string, pattern: RegExp, kind: PersonalDataKind, group = 0): Span[] {
  return [...text.matchAll(pattern)].map((match) => {
    const start = (match.index ?? 0) + (group === 0 ? 0 : match[0].indexOf(match[group]));
    return { start, end: start + match[group].length, kind };
  });
}

/**
 * Pipeline step 3: personal data in a message. Phone numbers, e-mail addresses, IP addresses and social-media
 * handles come from recognizers-text's sequence recognizers; names, home towns, schools, streets and postcodes
 * from what is said around them (`NamesAndPlaces`). Numbers the bot itself gives (helplines, emergency numbers:
 * `publicNumbers`, as digits) are not personal data: "what is 116 111?" is a question. One finder per knowledge base.
 */
export class PersonalDataFinder {
  private readonly namesAndPlaces: NamesAndPlaces;

  constructor(
    private readonly publicNumbers: ReadonlySet<string>,
    vocabulary: Vocabulary,
  ) {
    this.namesAndPlaces = new NamesAndPlaces(vocabulary);
  }

  /** A number someone could be reached on: not one the bot gives (a helpline), nor a span of years. */
  private personalNumber(written: string): boolean {
    return !this.publicNumbers.has(written.replace(/\D/g, '')) && !YEARS.test(written);
  }

  find(text: string): PersonalDataFinding | undefined {
    const spans: Span[] = [
      // Each recognizer only where it could find something (recognizerGates.ts): they are most of this step's cost.
      ...(mayHoldPhoneNumber(text) ? fromRecognizer(recognizePhoneNumber(text, Culture.English), 'phone').filter((span) => this.personalNumber(text.slice(span.start, span.end))) : []),
      ...(mayHoldEmailOrMention(text) ? fromRecognizer(recognizeEmail(text, Culture.English), 'email') : []),
      ...(mayHoldIpAddress(text) ? fromRecognizer(recognizeIpAddress(text, Culture.English), 'ip') : []),
      ...(mayHoldEmailOrMention(text) ? fromRecognizer(recognizeMention(text, Culture.English), 'handle') : []),
      // "I live at 22 Honeysuckle Way", not "I live at home": an address has a number or a name in it.
      ...patternSpans(text, SAYS_ADDRESS, 'address', 1).filter((span) => /[\d\p{Lu}]/u.test(text.slice(span.start, span.end))),
      ...handleSpans(text),
      ...patternSpans(text, SPELT_EMAIL, 'email'),
      ...patternSpans(text, SPACED_DIGITS, 'phone').filter((span) => this.personalNumber(text.slice(span.start, span.end))),
      ...patternSpans(text, AT_HANDLE, 'handle'),
      ...this.namesAndPlaces.find(text),
    ].sort((a, b) => a.start - b.start || b.end - a.end);
    // Overlapping finds (an e-mail address also holds a "mention"; a street inside "I live at …") become one span,
    // named after the one that starts first and is longest.
    const kept: Span[] = [];
    for (const span of spans) {
      const last = kept.at(-1);
      if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
      else kept.push({ ...span });
    }
    if (kept.length === 0) return undefined;
    let redacted = text;
    for (const span of [...kept].reverse()) redacted = `${redacted.slice(0, span.start)}[${span.kind}]${redacted.slice(span.end)}`;
    return { kinds: [...new Set(kept.map((span) => span.kind))], redacted };
  }
}

/** Every run of digits a text gives (helplines, emergency numbers), as digits only: the numbers that are not personal. */
export function digitRuns(texts: Iterable<string>): Set<string> {
  const runs = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/\d(?:[\d -]*\d)?/g)) runs.add(match[0].replace(/\D/g, ''));
  return runs;
}

const finders = new WeakMap<KnowledgeBase, PersonalDataFinder>();

/**
 * The finder for a knowledge base, made once per base. Numbers the bot gives (helplines, emergency numbers, figures
 * in answers) are never personal data, nor are the words the bot itself uses (apps, organisations, public figures).
 */
export function personalDataFinderFor(kb: KnowledgeBase): PersonalDataFinder {
  let finder = finders.get(kb);
  if (!finder) {
    const { helplines } = kb.safety;
    const services = allServices(helplines);
    const texts = [
      ...kb.entries.flatMap((entry) => [entry.answer, ...Object.values(entry.answers), ...entry.questions, ...entry.tags]),
      ...helplines.countries.flatMap((country) => [country.name, country.emergency, ...country.aliases]),
      ...services.flatMap((service) => [service.name, service.phone ?? '', service.text ?? '', service.note ?? '']),
      ...kb.lexicon.synonyms.keys(),
      ...kb.lexicon.synonyms.values(),
    ];
    const known = new Set(texts.flatMap(wordsIn));
    finder = new PersonalDataFinder(digitRuns(texts.filter((text) => /\d/.test(text))), { isKnown: (word) => known.has(word) });
    finders.set(kb, finder);
  }
  return finder;
}

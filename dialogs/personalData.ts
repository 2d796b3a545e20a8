import { Culture, recognizeEmail, recognizeIpAddress, recognizeMention, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';

type ModelResult = ReturnType<typeof recognizeEmail>[number];

/** The kinds of personal data the bot looks for; each is replaced by `[kind]` wherever a message could be kept. */
export type PersonalDataKind = 'phone' | 'email' | 'ip' | 'handle' | 'address';

export interface PersonalDataFinding {
  kinds: PersonalDataKind[];
  /** The message with every piece of personal data replaced by `[phone]`, `[email]`, … */
  redacted: string;
}

interface Span {
  start: number;
  /** Exclusive. */
  end: number;
  kind: PersonalDataKind;
}

const STREET_TYPES = 'street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|court|ct|crescent|place|boulevard|blvd|terrace|gardens|grove|square';
/** "12 Oak Street", "221b Baker St": a house number and a street. */
const STREET = new RegExp(String.raw`\b\d{1,5}[a-z]?\s+(?:[A-Za-z'-]+\s+){1,3}(?:${STREET_TYPES})\b\.?`, 'gi');
/** UK postcodes ("SW1A 1AA"). */
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g;
/** "I live at …", "my address is …": the rest of the clause. */
const SAYS_ADDRESS = /\b(?:i live at|my address is|our address is|my home address is)\s+([^.,!?\n]+)/gi;

const fromRecognizer = (results: ModelResult[], kind: PersonalDataKind): Span[] => results.map((r) => ({ start: r.start, end: r.end + 1, kind }));

function patternSpans(text: string, pattern: RegExp, kind: PersonalDataKind, group = 0): Span[] {
  return [...text.matchAll(pattern)].map((match) => {
    const start = (match.index ?? 0) + (group === 0 ? 0 : match[0].indexOf(match[group]));
    return { start, end: start + match[group].length, kind };
  });
}

/**
 * Pipeline step 3: phone numbers, e-mail addresses, IP addresses and social-media handles (recognizers-text's
 * sequence recognizers) and street addresses or postcodes (patterns) in a message. Numbers the bot itself gives
 * (helplines, emergency numbers: `publicNumbers`, as digits) are not personal data: "what is 116 111?" is a question.
 */
export function findPersonalData(text: string, publicNumbers: ReadonlySet<string>): PersonalDataFinding | undefined {
  const spans: Span[] = [
    ...fromRecognizer(recognizePhoneNumber(text, Culture.English), 'phone').filter((span) => !publicNumbers.has(text.slice(span.start, span.end).replace(/\D/g, ''))),
    ...fromRecognizer(recognizeEmail(text, Culture.English), 'email'),
    ...fromRecognizer(recognizeIpAddress(text, Culture.English), 'ip'),
    ...fromRecognizer(recognizeMention(text, Culture.English), 'handle'),
    ...patternSpans(text, STREET, 'address'),
    ...patternSpans(text, POSTCODE, 'address'),
    ...patternSpans(text, SAYS_ADDRESS, 'address', 1),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  // An e-mail address also holds a "mention"; keep the first (longest) of overlapping spans.
  const kept: Span[] = [];
  for (const span of spans) if (!kept.some((k) => span.start < k.end && span.end > k.start)) kept.push(span);
  if (kept.length === 0) return undefined;
  let redacted = text;
  for (const span of [...kept].reverse()) redacted = `${redacted.slice(0, span.start)}[${span.kind}]${redacted.slice(span.end)}`;
  return { kinds: [...new Set(kept.map((span) => span.kind))], redacted };
}

/** Every run of digits a text gives (helplines, emergency numbers), as digits only: the numbers that are not personal. */
export function digitRuns(texts: Iterable<string>): Set<string> {
  const runs = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/\d(?:[\d -]*\d)?/g)) runs.add(match[0].replace(/\D/g, ''));
  return runs;
}

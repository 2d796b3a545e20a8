import { Culture, recognizeNumber } from '@microsoft/recognizers-text-number';
import { foldText } from '../knowledge/normalise';
import { AUDIENCES, type Audience, type AudienceSetup } from '../knowledge/types';
import { mayRewriteNumbers } from './recognizerGates';

/** What a message says about who is asking: "I'm a teacher", "I'm eleven", "my daughter is 9". */
export interface WhoIsAsking {
  audience?: Audience;
  /** The user's own age (a child). */
  age?: number;
  /** The age of the user's child or pupil (a parent or educator). */
  childAge?: number;
}

const OLDEST_CHILD = 18;
/** "I am", "I'm", "I work for", …: what people say before who they are (folded: "I'm" is "im"). */
const SELF = String.raw`\b(?:i am|im|i m|iam|i work|we are|i represent|i run|i lead)\b`;
/** Only "I am" makes someone a child: "I work with kids" is an adult. */
const SELF_AS_CHILD = String.raw`\b(?:i am|im|i m|iam)\b`;
const CHILD_FILLER = String.raw`(?:\s+(?:actually|also|just|only|still|a|an))*`;
/** "I teach" says who someone is by itself. */
const TEACHES = /\bi teach\b/;
/** Words allowed between "I'm" and the role: "I'm actually a parent", "I work for a telecom company", "I'm in the ministry". */
const FILLER = String.raw`(?:\s+(?:actually|also|just|really|currently|now|a|an|the|one|of|from|with|for|at|in|on|as|working|work|employed|by|our|my|local|national|big|small|large))*`;
const CHILD_WORDS = String.raw`(?:son|daughter|child|kid|boy|girl|grandson|granddaughter|grandchild|grandkid|pupil|student|nephew|niece|little one|eldest|youngest|oldest|teen|teenager)s?`;
const AGE_UNIT = String.raw`(?:\s*(?:years?|yrs?|yr|y o|yo)(?:\s+old)?)?`;

const SELF_AGE = new RegExp(String.raw`(?:${SELF}\s+(?:an?\s+)?(?:only\s+|just\s+|nearly\s+|almost\s+|turning\s+)?|\bmy age is\s+|\baged?\s+)(\d{1,3})${AGE_UNIT}(?!\s*(?:minutes?|hours?|days?|weeks?|months?|percent|%|kids|children|pupils|students))\b`);
const CHILD_AGE = [
  new RegExp(String.raw`\bmy\s+(?:\w+\s+)?${CHILD_WORDS}\s+(?:is|are|whos|who is|turns|turned|just turned|aged?)\s+(?:only\s+|nearly\s+|almost\s+)?(\d{1,2})\b`),
  new RegExp(String.raw`\bmy\s+(\d{1,2})${AGE_UNIT}\s+(?:old\s+)?${CHILD_WORDS}\b`),
  new RegExp(String.raw`\bmy\s+(\d{1,2})\s*(?:years? old|yr old|year old|yo)\b`),
  new RegExp(String.raw`\b(?:i have|ive got|i ve got|i have got)\s+an?\s+(\d{1,2})${AGE_UNIT}\b`),
];

/** Numbers written as words become digits ("eleven" → "11") so one set of patterns reads both. */
function withDigits(folded: string): string {
  if (!mayRewriteNumbers(folded)) return folded;
  const numbers = recognizeNumber(folded, Culture.English)
    .filter((result) => /^\d+$/.test(String(result.resolution?.value)))
    .sort((a, b) => b.start - a.start);
  let text = folded;
  for (const number of numbers) text = `${text.slice(0, number.start)}${String(number.resolution.value)}${text.slice(number.end + 1)}`;
  return text;
}

/** Per audience, one pattern: "I'm …" / "I work for …", a few filler words, then any of its role words. */
const rolePatterns = new WeakMap<AudienceSetup, [Audience, RegExp][]>();

function patternsFor(setup: AudienceSetup): [Audience, RegExp][] {
  let patterns = rolePatterns.get(setup);
  if (!patterns) {
    patterns = AUDIENCES.flatMap((audience): [Audience, RegExp][] => {
      const roles = setup.profiles[audience].roles;
      if (roles.length === 0) return [];
      // Roles are folded (letters, digits, spaces); the longest first, so "trust and safety" wins over "trust".
      const alternatives = [...roles].sort((a, b) => b.length - a.length).map((role) => role.split(' ').join(String.raw`\s+`));
      const intro = audience === 'children' ? `${SELF_AS_CHILD}${CHILD_FILLER}` : `${SELF}${FILLER}`;
      return [[audience, new RegExp(String.raw`${intro}\s+(?:${alternatives.join('|')})s?\b`)]];
    });
    rolePatterns.set(setup, patterns);
  }
  return patterns;
}

/** The audience whose role words follow "I'm …" / "I work for …" in the text, if any. */
function roleAudience(text: string, setup: AudienceSetup): Audience | undefined {
  let best: { audience: Audience; at: number } | undefined;
  for (const [audience, pattern] of patternsFor(setup)) {
    const match = pattern.exec(text);
    // The earliest statement wins: "I'm a teacher and my pupils are 10" is a teacher.
    if (match && (!best || match.index < best.at)) best = { audience, at: match.index };
  }
  const teaches = TEACHES.exec(text);
  if (teaches && (!best || teaches.index < best.at)) return 'parents-educators';
  return best?.audience;
}

/**
 * Reads who is asking from what they wrote, at any point in a conversation. Numbers may be digits or words
 * (@microsoft/recognizers-text). Only a child's age makes someone a child; an adult's age is not kept.
 */
export function whoIsAsking(text: string, setup: AudienceSetup): WhoIsAsking {
  const normalised = withDigits(foldText(text));
  const found: WhoIsAsking = {};
  const childAge = CHILD_AGE.map((pattern) => pattern.exec(normalised)).find((match) => match !== null);
  if (childAge) {
    const age = Number(childAge[1]);
    if (age <= OLDEST_CHILD) found.childAge = age;
  }
  const selfAge = SELF_AGE.exec(normalised);
  if (selfAge && !childAge) {
    const age = Number(selfAge[1]);
    if (age >= 3 && age <= OLDEST_CHILD) {
      found.age = age;
      found.audience = 'children';
    }
  }
  const role = roleAudience(normalised, setup);
  if (role) found.audience = role;
  else if (found.childAge !== undefined && !found.audience) found.audience = 'parents-educators';
  return found;
}

const BARE_AGE = /^(?:im\s+|i am\s+)?(\d{1,2})(?:\s*(?:years?|yrs?|yo)(?:\s+old)?)?$/;

/** A message that is only an age ("11", "eleven", "12 years old"): the answer to "How old are you?". */
export function bareAge(text: string): number | undefined {
  const match = BARE_AGE.exec(withDigits(foldText(text)));
  const age = match ? Number(match[1]) : undefined;
  return age !== undefined && age >= 3 && age <= OLDEST_CHILD ? age : undefined;
}

import type { Candidate, SearchResult } from '../knowledge/search';
import { countryNamed } from '../knowledge/helplines';
import { answerFor, DEFAULT_AUDIENCE, labelOf, type Audience, type Entry, type KnowledgeBase } from '../knowledge/types';
import type { MissReason } from './insights';
import { flowSuggestions, menuSuggestions } from './menus';
import { outcomeOf, replyOf, type BotReply, type Suggestion, type TurnOutcome } from './reply';
import { twoQuestions } from './questions';
import { countryHelp, formatHelp, registerFor } from './safetyAnswer';
import type { Turn } from './turn';
import { entrySuggestions, noneOfTheseSuggestion, wording } from './wording';

/** Areas where a child's or a parent's age band points to the resource made for that age. */
const TAILORED_AREAS = new Set(['children', 'risks', 'parents-educators', 'guidelines', 'help']);

const feedbackSuggestions: Suggestion[] = [
  { title: '👍', value: '👍', action: { kind: 'feedback', helpful: true } },
  { title: '👎', value: '👎', action: { kind: 'feedback', helpful: false } },
];

/**
 * Step 5, match against the knowledge base with the user's audience: a confident match is answered, a close
 * call asks "did you mean…?", no match says so honestly and goes to the organisers' inbox. A step that has already
 * searched the message (with the same audience) passes its result.
 */
export function matchStep(turn: Turn, result: SearchResult = turn.knowledge.search.search(turn.text, turn.profile.audience)): BotReply {
  const [top] = result.candidates;
  // Kept (redacted) until the next question, in case the user says "None of these" or 👎 to what it got.
  turn.conversation.lastQuestion = {
    question: turn.stored,
    normalised: result.normalised,
    candidates: result.candidates.slice(0, 3).map((c) => ({ entryId: c.entry.id, confidence: Math.round(c.confidence * 1000) / 1000 })),
  };
  const both = bothAnswers(turn);
  if (both) return both;
  switch (result.outcome) {
    case 'answer':
      return answer(turn, top.entry, top.confidence);
    case 'clarify':
      return clarify(result.candidates);
    case 'fallback':
      recordMiss(turn, 'fallback');
      return miss(turn, wording.fallback, outcomeOf('fallback', null, top?.confidence ?? 0), closestTopics(turn, result.candidates));
  }
}

/**
 * A message that asks two things ("when was the launch and can I watch it?") gets both answers, when each part on
 * its own is answered, by two different entries. The second part often leans on the first ("…can I watch it?"), so
 * it is also read with the first part's words. The outcome names the first answer.
 */
function bothAnswers(turn: Turn): BotReply | undefined {
  const parts = twoQuestions(turn.text);
  if (!parts) return undefined;
  const { search } = turn.knowledge;
  const [first, second] = parts;
  const firstResult = search.search(first, turn.profile.audience);
  if (firstResult.outcome !== 'answer') return undefined;
  const firstTop = firstResult.candidates[0];
  const secondTop = [second, `${second} ${first}`]
    .map((text) => search.search(text, turn.profile.audience))
    .find((result) => result.outcome === 'answer' && result.candidates[0].entry !== firstTop.entry)?.candidates[0];
  if (!secondTop) return undefined;
  const firstReply = answer(turn, firstTop.entry, firstTop.confidence);
  const secondReply = answer(turn, secondTop.entry, secondTop.confidence);
  return replyOf([...firstReply.messages, ...secondReply.messages], secondReply.suggestions, firstReply.outcome);
}

/** The entry's answer for the user's audience, with follow-ups, the resource for their age band, and 👍 / 👎. */
export function answer(turn: Turn, entry: Entry, confidence: number): BotReply {
  const { kb } = turn.knowledge;
  const audience = turn.profile.audience ?? DEFAULT_AUDIENCE;
  turn.conversation.misses = 0;
  turn.conversation.lastAnswerId = entry.id;
  const suggestions = entrySuggestions(kb, entry.followUps);
  const band = kb.audiences.ageBands.find((b) => b.id === turn.profile.ageBand);
  if (band && (audience === 'children' || audience === 'parents-educators') && TAILORED_AREAS.has(entry.area) && band.resource !== entry.id) {
    suggestions.unshift(...entrySuggestions(kb, [band.resource]).filter((s) => !suggestions.some((o) => o.entryId === s.entryId)));
  }
  if (turn.leftFlow) suggestions.unshift(...flowSuggestions(turn, undefined));
  if (!turn.profile.audience) suggestions.push({ title: wording.whoAreYouButton, value: wording.whoAreYouButton, action: { kind: 'chooseAudience' } });
  if (entry.area !== 'chitchat') suggestions.push(...feedbackSuggestions);
  const text = (entry.helplinesByCountry && helplinesOfNamedCountry(turn, audience)) || answerFor(entry, audience);
  return replyOf([withReminder(kb, audience, entry, text)], suggestions, outcomeOf('answer', entry.id, confidence));
}

/**
 * For a question that names a country of the helpline book ("which number can a child call in Brazil?"): that
 * country's helplines and reporting services, from the same book as the safety answer.
 */
function helplinesOfNamedCountry(turn: Turn, audience: Audience): string | undefined {
  const { helplines, answers } = turn.knowledge.kb.safety;
  const country = countryNamed(helplines, turn.text);
  if (!country) return undefined;
  const help = countryHelp(answers, helplines, registerFor(audience), country);
  const none = country.childHelplines.length === 0 ? [wording.noChildHelpline(country.name)] : [];
  return [wording.countryHelplines(country.name, help.emergency), ...none, formatHelp(help.sections)].join('\n\n');
}

/**
 * Two-stage fallback, never a dead end: the first miss asks to rephrase and offers the topics closest to the
 * question, the second in a row shows the audience's topics. A child is also reminded they can talk to an adult.
 */
export function miss(turn: Turn, firstMessage: string, result: TurnOutcome, closest: Entry[] = []): BotReply {
  const misses = (turn.conversation.misses ?? 0) + 1;
  turn.conversation.misses = misses;
  const { trustedAdultReminder } = turn.knowledge.kb.audiences;
  const reminder = turn.profile.audience === 'children' && trustedAdultReminder ? [trustedAdultReminder] : [];
  if (misses >= 2) {
    turn.conversation.misses = 0;
    return replyOf([wording.secondMiss, ...reminder], menuSuggestions(turn), result);
  }
  const topics: Suggestion[] = closest.map((entry) => ({ title: labelOf(entry), value: entry.questions[0], entryId: entry.id }));
  const message = topics.length > 0 ? `${firstMessage} ${wording.closestTopics}` : firstMessage;
  return replyOf([message, ...reminder], [...flowSuggestions(turn, undefined), ...topics], result);
}

/** How many topics a miss offers. */
const CLOSEST_TOPICS = 3;
/** Below this confidence an entry is not "close" (a question about the weather is near nothing): the menu is offered. */
const MIN_CLOSEST_CONFIDENCE = 0.2;

/**
 * The topics to offer after a miss: the search's nearest entries that are meant for the user's audience, then the
 * audience's own menu, so that even a question with nothing near it gets somewhere to go.
 */
export function closestTopics(turn: Turn, candidates: Candidate[]): Entry[] {
  const { kb } = turn.knowledge;
  const audience = turn.profile.audience ?? DEFAULT_AUDIENCE;
  const near = candidates.filter((c) => c.confidence >= MIN_CLOSEST_CONFIDENCE && c.entry.area !== 'chitchat' && c.entry.audiences.includes(audience)).map((c) => c.entry);
  const menu = kb.audiences.profiles[audience].menu.flatMap((id) => kb.byId.get(id) ?? []);
  return [...new Set([...near, ...menu])].slice(0, CLOSEST_TOPICS);
}

/** The last question (redacted) goes to the organisers' inbox, with what the search offered for it. */
export function recordMiss(turn: Turn, reason: MissReason, entryId: string | null = null): void {
  const asked = turn.conversation.lastQuestion;
  if (!asked) return;
  turn.insights.recordMiss({
    at: new Date(),
    reason,
    ...asked,
    audience: turn.profile.audience ?? DEFAULT_AUDIENCE,
    channel: turn.message.channelId,
    entryId,
    userHash: turn.insights.hashUser(turn.message.userId),
  });
  // Once in the inbox is enough: a second "None of these" to the same question is not a second miss.
  turn.conversation.lastQuestion = undefined;
}

/** A child's answer about a worry ends with "talk to an adult you trust", unless it says so already. */
function withReminder(kb: KnowledgeBase, audience: Audience, entry: Entry, text: string): string {
  const { trustedAdultReminder, remindInAreas } = kb.audiences;
  if (audience !== 'children' || !trustedAdultReminder || !remindInAreas.includes(entry.area)) return text;
  if (/adult (you|they) trust|trusted adult/i.test(text)) return text;
  return `${text}\n\n${trustedAdultReminder}`;
}

function clarify(candidates: Candidate[]): BotReply {
  const options: Suggestion[] = candidates.map(({ entry }) => ({ title: labelOf(entry), value: entry.questions[0], entryId: entry.id }));
  const message = options.length === 1 ? wording.clarifyOne(options[0].title) : wording.clarifyMany;
  return replyOf([message], [...options, noneOfTheseSuggestion], outcomeOf('clarify', null, candidates[0].confidence));
}

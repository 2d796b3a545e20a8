import { searchForm } from '../knowledge/normalise';
import type { Candidate } from '../knowledge/search';
import { answerFor, DEFAULT_AUDIENCE, labelOf, type Audience, type Entry, type KnowledgeBase } from '../knowledge/types';
import type { MissReason } from './insights';
import { flowSuggestions, menuSuggestions } from './menus';
import { outcomeOf, replyOf, type BotReply, type Suggestion, type TurnOutcome } from './reply';
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
 * call asks "did you mean…?", no match says so honestly and goes to the organisers' inbox.
 */
export function matchStep(turn: Turn): BotReply {
  const { search, kb } = turn.knowledge;
  const result = search.search(turn.text, turn.profile.audience);
  const [top] = result.candidates;
  // Kept (redacted) until the next question, in case the user says "None of these" or 👎 to what it got.
  turn.conversation.lastQuestion = {
    question: turn.stored,
    normalised: searchForm(turn.text, kb.lexicon),
    candidates: result.candidates.slice(0, 3).map((c) => ({ entryId: c.entry.id, confidence: Math.round(c.confidence * 1000) / 1000 })),
  };
  switch (result.outcome) {
    case 'answer':
      return answer(turn, top.entry, top.confidence);
    case 'clarify':
      return clarify(result.candidates);
    case 'fallback':
      recordMiss(turn, 'fallback');
      return miss(turn, wording.fallback, outcomeOf('fallback', null, top?.confidence ?? 0));
  }
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
  return replyOf([withReminder(kb, audience, entry, answerFor(entry, audience))], suggestions, outcomeOf('answer', entry.id, confidence));
}

/** Two-stage fallback: the first miss asks to rephrase, the second in a row shows the topics. */
export function miss(turn: Turn, firstMessage: string, result: TurnOutcome): BotReply {
  const misses = (turn.conversation.misses ?? 0) + 1;
  turn.conversation.misses = misses;
  if (misses >= 2) {
    turn.conversation.misses = 0;
    return replyOf([wording.secondMiss], menuSuggestions(turn), result);
  }
  return replyOf([firstMessage], flowSuggestions(turn, undefined), result);
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

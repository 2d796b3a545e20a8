import { countryFromLocale, countryMention, type CountryHelp } from '../knowledge/helplines';
import type { SafetyFinding } from '../knowledge/safety';
import { DEFAULT_AUDIENCE } from '../knowledge/types';
import { menuSuggestions } from './menus';
import { asksSomething } from './questions';
import { outcomeOf, replyOf, type BotReply } from './reply';
import { checkIn, formatHelp, registerFor, safetyAnswer, safetyHelp } from './safetyAnswer';
import type { Turn } from './turn';
import { wording } from './wording';

/**
 * Step 2, safety first. A message that discloses danger, abuse or distress (`finding`, read from the message as
 * written) gets the safety answer, whatever else it matches; the answer to "Which country are you in?" completes
 * it. "I'm in Canada" is kept for later helplines; "I'm in Canada, what is grooming?" is kept and the rest of
 * the message goes on to the next steps.
 */
export function safetyStep(turn: Turn, finding: SafetyFinding | undefined): BotReply | undefined {
  const { helplines, answers } = turn.knowledge.kb.safety;
  const pending = turn.conversation.safetyPending;
  turn.conversation.safetyPending = undefined;
  const mention = countryMention(helplines, turn.text, { bare: pending !== undefined || finding !== undefined });
  const named = mention?.country;
  if (named) turn.profile.country = named.id;
  const audience = turn.profile.audience ?? DEFAULT_AUDIENCE;
  if (!finding) {
    if (!mention || !named || (pending === undefined && !mention.stated)) return undefined;
    if (pending === undefined) {
      // "we live in Canada, any helplines?" asks, by its question mark, though the rest has no asking word.
      if (!asksSomething(mention.rest) && !turn.text.includes('?')) return replyOf([wording.countryKept(named.name)], menuSuggestions(turn));
      turn.text = mention.rest;
      return undefined;
    }
    // The answer to "Which country are you in?": who can help there.
    const help = safetyHelp(answers, helplines, pending, registerFor(audience), named);
    return replyOf([wording.countryNoted(named.name, help.emergency), formatHelp(help.sections), wording.keepTalking], [], outcomeOf('safety', `safety.${pending}`));
  }
  const country = countryOf(turn);
  const messages = safetyAnswer(answers, helplines, finding.category, audience, country);
  if (!country && !turn.profile.askedCountry) {
    turn.profile.askedCountry = true;
    turn.conversation.safetyPending = finding.category;
    messages.push(wording.whichCountry);
  } else {
    messages.push(wording.keepTalking);
  }
  // The lexicon's score is no confidence in [0, 1]: a safety answer reports none.
  return replyOf(messages, [], outcomeOf('safety', `safety.${finding.category}`));
}

/**
 * A possible concern (secrets, gifts, a request for photos, fear of going home) gets a gentle check-in and who to talk
 * to now, before the reply to what was asked, which still comes: the outcome is `safety.check-in`.
 */
export function withCheckIn(turn: Turn, reply: BotReply): BotReply {
  const { helplines, answers } = turn.knowledge.kb.safety;
  const words = checkIn(answers, helplines, turn.profile.audience ?? DEFAULT_AUDIENCE, countryOf(turn));
  const { kind, entryId, confidence } = reply.outcome;
  return replyOf([...words, ...reply.messages], reply.suggestions, { ...outcomeOf('safety', 'safety.check-in'), answered: { kind, entryId, confidence } });
}

/** The user's country: said before, or from the locale of the message (then remembered). */
function countryOf(turn: Turn): CountryHelp | undefined {
  const { helplines } = turn.knowledge.kb.safety;
  const known = helplines.countries.find((c) => c.id === turn.profile.country);
  if (known) return known;
  const fromLocale = countryFromLocale(helplines, turn.message.locale);
  if (fromLocale) turn.profile.country = fromLocale.id;
  return fromLocale;
}

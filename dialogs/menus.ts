import { bandOf, DEFAULT_AUDIENCE, type Audience, type KnowledgeBase } from '../knowledge/types';
import { replyOf, type BotReply, type Suggestion } from './reply';
import type { Turn } from './turn';
import { AUDIENCE_NAMES, entrySuggestions, wording } from './wording';

/** The buttons and greetings several steps offer: who are you, the audience's menu, its flow, its age band's resource. */

export function audienceChoices(kb: KnowledgeBase): Suggestion[] {
  return kb.audiences.choices.map((choice) => ({ title: choice.label, value: choice.label, action: { kind: 'audience', audience: choice.audience } }));
}

function uniqueByTitle(suggestions: Suggestion[]): Suggestion[] {
  return suggestions.filter((suggestion, i) => suggestions.findIndex((other) => other.title === suggestion.title) === i);
}

/** The resource made for the user's age band (or their child's), as a button. */
export function bandSuggestions(turn: Pick<Turn, 'knowledge' | 'profile'>): Suggestion[] {
  const { kb } = turn.knowledge;
  const band = kb.audiences.ageBands.find((b) => b.id === turn.profile.ageBand);
  return band ? entrySuggestions(kb, [band.resource]) : [];
}

/** The audience's guided flow (or, if one was left, a button to continue it) and its topic menu. */
export function menuSuggestions(turn: Pick<Turn, 'knowledge' | 'profile' | 'conversation'>): Suggestion[] {
  const { kb } = turn.knowledge;
  const profile = kb.audiences.profiles[turn.profile.audience ?? DEFAULT_AUDIENCE];
  return [...flowSuggestions(turn, profile.flow), ...entrySuggestions(kb, profile.menu)];
}

/** The menu with the age band's resource first: for someone the bot already knows. */
export function knownUserSuggestions(turn: Pick<Turn, 'knowledge' | 'profile' | 'conversation'>): Suggestion[] {
  return uniqueByTitle([...bandSuggestions(turn), ...menuSuggestions(turn)]);
}

/** A flow left behind (continue or start again), else the flow `offered`, as buttons. */
export function flowSuggestions(turn: Pick<Turn, 'knowledge' | 'profile' | 'conversation'>, offered: string | undefined): Suggestion[] {
  const { kb } = turn.knowledge;
  const paused = turn.conversation.flow && kb.flows.get(turn.conversation.flow.flowId);
  // A flow left behind is offered again, unless the user has since said they are someone it is not for.
  if (paused && (offered === undefined || paused.audience === (turn.profile.audience ?? DEFAULT_AUDIENCE))) {
    return [
      { title: wording.resumeFlow(paused.title), value: wording.resumeFlow(paused.title), action: { kind: 'resumeFlow' } },
      { title: wording.restartFlow(paused.title), value: wording.restartFlow(paused.title), action: { kind: 'flow', flowId: paused.id } },
    ];
  }
  const flow = offered === undefined ? undefined : kb.flows.get(offered);
  return flow ? [{ title: flow.title, value: flow.title, action: { kind: 'flow', flowId: flow.id } }] : [];
}

/** Remembers who the user is (audience, and a child's or their child's age band); returns how the bot names them. */
export function learn(turn: Pick<Turn, 'knowledge' | 'profile'>, audience: Audience, age?: number, childAge?: number): string {
  const { profile } = turn;
  profile.audience = audience;
  if (age !== undefined) profile.age = age;
  if (childAge !== undefined) profile.childAge = childAge;
  const band = bandOf(turn.knowledge.kb.audiences, audience === 'children' ? profile.age : profile.childAge);
  if (band) profile.ageBand = band.id;
  return AUDIENCE_NAMES[audience];
}

/** The audience's greeting, its guided flow and its topics; a child is asked their age unless it is known. */
export function greet(turn: Pick<Turn, 'knowledge' | 'profile' | 'conversation'>, lead: string[]): BotReply {
  const { kb } = turn.knowledge;
  const audience = turn.profile.audience ?? DEFAULT_AUDIENCE;
  const greeting = kb.audiences.profiles[audience].greeting;
  if (audience === 'children' && !turn.profile.ageBand) {
    const bands: Suggestion[] = kb.audiences.ageBands.map((band) => ({ title: band.label, value: band.label, action: { kind: 'ageBand', band: band.id } }));
    turn.conversation.askedAge = true;
    return replyOf([...lead, greeting, wording.askAge], bands);
  }
  return replyOf([...lead, greeting], menuSuggestions(turn));
}

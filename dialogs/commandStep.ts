import { foldText } from '../knowledge/normalise';
import type { SearchResult } from '../knowledge/search';
import { DEFAULT_AUDIENCE } from '../knowledge/types';
import { recognizeCommand, type Command } from './commands';
import { enterFlow } from './flowStep';
import { audienceChoices, flowSuggestions, greet, knownUserSuggestions, learn, menuSuggestions } from './menus';
import { answer, matchStep, miss, recordMiss } from './matchStep';
import { pickOffered } from './offered';
import { asksSomething } from './questions';
import { outcomeOf, replyOf, type BotReply, type Suggestion, type SuggestionAction } from './reply';
import type { Turn } from './turn';
import { bareAge, whoIsAsking } from './whoIsAsking';
import { AUDIENCE_NAMES, entrySuggestions, topicSuggestions, wording } from './wording';

const THUMBS = new Map([['👍', true], ['👎', false]]);

/**
 * Step 4, commands: a button last offered (clicked, or its number or label typed), a vote, an audience or flow
 * named, a command phrase ("menu", "stop", "start over"…), and what people say about who they are at any point
 * ("I'm a teacher", "I'm eleven", "my daughter is 9"; a bare "11" right after the bot asked a child's age).
 * A statement of who someone is is noted; a question with it ("I'm a teacher, what's grooming?"), or a longer
 * statement the base answers ("my 14 year old met a boy online and wants to meet him"), is noted and matched.
 */
export function commandStep(turn: Turn): BotReply | undefined {
  const { kb } = turn.knowledge;
  const picked = pickOffered(turn.conversation.lastSuggestions ?? [], turn.text, (s: Suggestion) => [s.title, s.value]);
  if (picked?.entryId) {
    const entry = kb.byId.get(picked.entryId);
    if (entry) return answer(turn, entry, 1);
  }
  const action = picked?.action ?? typedAction(turn);
  if (action) return runAction(action, turn);
  const command = recognizeCommand(picked?.value ?? turn.text);
  if (command) return runCommand(command, turn);

  const askedAge = turn.conversation.askedAge === true;
  turn.conversation.askedAge = undefined;
  const age = askedAge ? bareAge(turn.text) : undefined;
  const said = age === undefined ? whoIsAsking(turn.text, kb.audiences) : { audience: 'children' as const, age };
  if (!said.audience && said.age === undefined && said.childAge === undefined) return undefined;
  const known = turn.profile.audience;
  const label = learn(turn, said.audience ?? known ?? DEFAULT_AUDIENCE, said.age, said.childAge);
  const asks = asksSomething(turn.text);
  const statement = asks ? undefined : answeredStatement(turn);
  if (asks || statement) {
    // Who someone is is said once, when it changes; the answer is never held back for it.
    const answered = matchStep(turn, statement);
    return known === turn.profile.audience ? answered : { ...answered, messages: [wording.noted(label), ...answered.messages] };
  }
  // Someone already known (a child giving their age) gets the menu; a newcomer or a switch, the greeting.
  return known === turn.profile.audience ? replyOf([wording.noted(label)], knownUserSuggestions(turn)) : greet(turn, [wording.noted(label)]);
}

/** A statement this long is more than an introduction ("my 14 year old met a boy online and wants to meet him"). */
const MIN_STATEMENT_WORDS = 8;

/**
 * The search's answer to a statement with no question word that says more than who someone is, when the base
 * answers it: a worry told as a statement deserves the answer as much as a question does. Short ones ("I'm a
 * teacher", "my daughter is 9") are introductions only. The result is passed on, so the message is searched once.
 */
function answeredStatement(turn: Turn): SearchResult | undefined {
  if (turn.text.split(/\s+/).filter(Boolean).length < MIN_STATEMENT_WORDS) return undefined;
  const result = turn.knowledge.search.search(turn.text, turn.profile.audience);
  return result.outcome === 'answer' ? result : undefined;
}

/** Typed (not clicked) names of things the bot offers: an audience button's label, a flow's title, 👍 / 👎. */
function typedAction(turn: Turn): SuggestionAction | undefined {
  const { kb } = turn.knowledge;
  const vote = THUMBS.get(turn.text);
  if (vote !== undefined) return { kind: 'feedback', helpful: vote };
  const folded = foldText(turn.text);
  const choice = kb.audiences.choices.find((c) => foldText(c.label) === folded);
  if (choice && recognizeCommand(turn.text) === undefined) return { kind: 'audience', audience: choice.audience };
  const flow = [...kb.flows.values()].find((f) => foldText(f.title) === folded);
  return flow ? { kind: 'flow', flowId: flow.id } : undefined;
}

function runAction(action: SuggestionAction, turn: Turn): BotReply {
  const { kb } = turn.knowledge;
  switch (action.kind) {
    case 'audience':
      learn(turn, action.audience);
      return greet(turn, []);
    case 'ageBand':
      turn.profile.ageBand = action.band;
      return replyOf([wording.noted(AUDIENCE_NAMES[turn.profile.audience ?? DEFAULT_AUDIENCE])], knownUserSuggestions(turn));
    case 'flow':
      return enterFlow(turn, { flowId: action.flowId, step: 0, picks: {} }, kb.flows.get(action.flowId)?.intro ?? '');
    case 'resumeFlow':
      return runCommand('resumeFlow', turn);
    case 'chooseAudience':
      return runCommand('changeAudience', turn);
    case 'feedback':
      return vote(turn, action.helpful);
  }
}

function runCommand(command: Command, turn: Turn): BotReply {
  const { kb } = turn.knowledge;
  const progress = turn.conversation.flow;
  const flow = progress && kb.flows.get(progress.flowId);
  switch (command) {
    case 'help':
      return replyOf([wording.help], [...flowSuggestions(turn, kb.audiences.profiles[turn.profile.audience ?? DEFAULT_AUDIENCE].flow), ...topicSuggestions(kb)]);
    case 'menu':
      return replyOf([wording.menu], menuSuggestions(turn));
    case 'startOver':
      for (const key of Object.keys(turn.conversation)) delete turn.conversation[key as keyof typeof turn.conversation];
      return replyOf([wording.startOver], entrySuggestions(kb, kb.examples));
    case 'cancel':
      if (!flow) return replyOf([wording.nothingToStop], menuSuggestions(turn));
      return replyOf([wording.flowStopped(flow.title)], menuSuggestions(turn));
    case 'changeAudience':
      return replyOf([wording.chooseAudience], audienceChoices(kb));
    case 'resumeFlow':
      if (!progress || !flow) return replyOf([wording.nothingToResume], menuSuggestions(turn));
      return enterFlow(turn, progress, wording.flowResumed(flow.title));
    case 'noneOfThese':
      recordMiss(turn, 'none-of-these');
      return miss(turn, wording.rephrase, outcomeOf('fallback'));
  }
}

/** 👍 / 👎 on the last answer: counted for the organisers; an unhelpful answer's question goes to their inbox. */
function vote(turn: Turn, helpful: boolean): BotReply {
  const entryId = turn.conversation.lastAnswerId;
  if (!entryId) return replyOf([wording.noVote], menuSuggestions(turn));
  turn.insights.recordVote({ at: new Date(), entryId, helpful, audience: turn.profile.audience ?? DEFAULT_AUDIENCE, channel: turn.message.channelId });
  if (!helpful) recordMiss(turn, 'thumbs-down', entryId);
  turn.conversation.lastAnswerId = undefined;
  return helpful ? replyOf([wording.helpful], []) : replyOf([wording.notHelpful], menuSuggestions(turn));
}

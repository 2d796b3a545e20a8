import type { SafetyFinding } from '../knowledge/safety';
import type { FlowStep, GuidedFlow } from '../knowledge/types';
import { pickOption, stepReply, stepsFor, summaryReply } from './guidedFlow';
import { menuSuggestions } from './menus';
import { replyOf, type BotReply } from './reply';
import type { FlowProgress } from './state';
import type { Turn } from './turn';
import { wording } from './wording';

/** The flow of some progress and its current step for this user's age band, if both (still) exist in the knowledge base. */
function stepAt(turn: Turn, progress: FlowProgress): { flow: GuidedFlow; step: FlowStep } | undefined {
  const flow = turn.knowledge.kb.flows.get(progress.flowId);
  const step = flow && stepsFor(flow, turn.profile.ageBand)[progress.step];
  return flow && step ? { flow, step } : undefined;
}

/** The flow under way in this conversation and its current step. */
function underWay(turn: Turn): { progress: FlowProgress; flow: GuidedFlow; step: FlowStep } | undefined {
  const progress = turn.conversation.flow;
  const here = progress && !progress.paused ? stepAt(turn, progress) : undefined;
  return progress && here ? { progress, ...here } : undefined;
}

/**
 * Step 4a, the guided flow under way: this is the one place that decides whether a message stays in it. One of
 * the current step's options (its number or label) moves the flow on. Anything else (a disclosure, a command,
 * "I'm a parent", a question) leaves it, paused to be resumed, and the message goes on to the next steps with
 * `turn.leftFlow` set, so the answer offers to continue.
 */
export function flowStep(turn: Turn, disclosure: SafetyFinding | undefined): BotReply | undefined {
  const here = underWay(turn);
  if (!here) {
    // A flow whose step no longer exists (the knowledge base changed under it) is over.
    if (turn.conversation.flow && !turn.conversation.flow.paused) turn.conversation.flow = undefined;
    return undefined;
  }
  const picked = disclosure ? undefined : pickOption(here.step, turn.said);
  if (picked === undefined) {
    here.progress.paused = true;
    turn.leftFlow = true;
    return undefined;
  }
  return advance(turn, here.flow, here.progress, here.step, picked);
}

/** Keeps the option picked, says its feedback, and shows the next step, or the summary after the last. */
function advance(turn: Turn, flow: GuidedFlow, progress: FlowProgress, step: FlowStep, picked: number): BotReply {
  const { kb } = turn.knowledge;
  const option = step.options[picked];
  progress.picks[step.id] = picked;
  if (option.ageBand) turn.profile.ageBand = option.ageBand;
  const lead = option.feedback ? [option.feedback] : [];
  progress.step += 1;
  const steps = stepsFor(flow, turn.profile.ageBand);
  if (progress.step < steps.length) return stepReply(kb, steps[progress.step], turn.profile, lead);
  turn.conversation.flow = undefined;
  const summary = summaryReply(kb, flow, steps, progress.picks);
  return { ...summary, messages: [...lead, ...summary.messages] };
}

/**
 * Starts a flow from its first step (or again), or resumes the one left: its current step, after `lead` (the
 * flow's intro, or "Welcome back"). Flows need memory of the conversation, which the bot keeps only one to one.
 */
export function enterFlow(turn: Turn, progress: FlowProgress, lead: string): BotReply {
  if (turn.message.shared) return replyOf([wording.flowsNeedAPersonalChat], []);
  const here = stepAt(turn, progress);
  if (!here) {
    turn.conversation.flow = undefined;
    return replyOf([wording.nothingToResume], menuSuggestions(turn));
  }
  turn.conversation.flow = { flowId: progress.flowId, step: progress.step, picks: { ...progress.picks } };
  turn.conversation.lastAnswerId = undefined;
  return stepReply(turn.knowledge.kb, here.step, turn.profile, lead ? [lead] : []);
}

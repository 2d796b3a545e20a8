import { answerFor, DEFAULT_AUDIENCE, type FlowStep, type GuidedFlow, type KnowledgeBase } from '../knowledge/types';
import { pickOffered } from './offered';
import { replyOf, type BotReply, type Suggestion } from './reply';
import type { UserProfile } from './state';
import { entrySuggestions, wording } from './wording';

/** Guided flows are data (the knowledge base's flows/*.yaml): these read a flow's steps and write its replies. */

/** The steps of a flow for someone of this age band: steps marked for other ages are skipped. */
export function stepsFor(flow: GuidedFlow, ageBand: string | undefined): FlowStep[] {
  return flow.steps.filter((step) => !step.ages || (ageBand !== undefined && step.ages.includes(ageBand)));
}

/** The option of the step a message picks, by the rule for every button ({@link pickOffered}): its number or its label. */
export function pickOption(step: FlowStep, text: string): number | undefined {
  const option = pickOffered(step.options, text, (o) => [o.label]);
  return option === undefined ? undefined : step.options.indexOf(option);
}

/** One step as a reply: the entry's answer and/or the question, the options as buttons, and a way out. */
export function stepReply(kb: KnowledgeBase, step: FlowStep, profile: UserProfile, lead: string[]): BotReply {
  const audience = profile.audience ?? DEFAULT_AUDIENCE;
  const entry = step.entry === undefined ? undefined : kb.byId.get(step.entry);
  const messages = [...lead, ...(entry ? [answerFor(entry, audience)] : []), ...(step.ask ? [step.ask] : [])];
  const suggestions: Suggestion[] = step.options.map((option) => ({ title: option.label, value: option.label }));
  suggestions.push({ title: wording.stopFlow, value: wording.stopFlow });
  return replyOf(messages, suggestions);
}

/** The end of a flow: the notes of the options picked (or the score of a quiz), and where the guideline covers them. */
export function summaryReply(kb: KnowledgeBase, flow: GuidedFlow, steps: FlowStep[], picks: Record<string, number>): BotReply {
  const chosen = steps.flatMap((step) => {
    const option = step.options[picks[step.id] ?? -1];
    return option ? [option] : [];
  });
  const notes = chosen.flatMap((option) => (option.note ? [`- ${option.note}`] : []));
  const parts = [flow.summary.intro];
  if (flow.summary.score !== undefined) {
    parts.push(flow.summary.score.replace('{score}', String(chosen.filter((o) => o.correct).length)).replace('{total}', String(steps.length)));
  }
  if (notes.length > 0) parts.push(notes.join('\n'));
  else if (flow.summary.empty) parts.push(flow.summary.empty);
  parts.push(flow.summary.outro);
  const entries = [...new Set(chosen.flatMap((option) => (option.entry ? [option.entry] : [])))].slice(0, 4);
  return replyOf([parts.join('\n\n')], [...entrySuggestions(kb, entries), { title: wording.restartFlow(flow.title), value: flow.title }]);
}

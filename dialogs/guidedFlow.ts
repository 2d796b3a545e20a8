import type { Activity, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { foldText } from '../knowledge/normalise';
import { detectDisclosure } from '../knowledge/safety';
import type { KnowledgeStore } from '../knowledge/store';
import { answerFor, DEFAULT_AUDIENCE, type FlowStep, type GuidedFlow, type KnowledgeBase } from '../knowledge/types';
import { recognizeCommand } from './commands';
import type { BotReply, Suggestion } from './reply';
import type { BotStateAccessors, FlowProgress, UserProfile } from './state';
import { whoIsAsking } from './whoIsAsking';
import { entrySuggestions, wording } from './wording';

/** Sends a channel-neutral reply (the bot renders it for the channel and remembers what it offered). */
export type ReplySender = (context: TurnContext, reply: BotReply) => Promise<void>;
/** Like {@link ReplySender}, but keeps the last activity back and returns it: a prompt sends it. */
export type PromptRenderer = (context: TurnContext, reply: BotReply) => Promise<Partial<Activity>>;

export const GUIDED_FLOW_DIALOG = 'guidedFlow';
const STEPS = 'guidedFlowSteps';
const ANSWER_PROMPT = 'guidedFlowAnswer';

/** How a guided flow ended: finished, or left with a message the rest of the pipeline should handle. */
export interface FlowResult {
  left: boolean;
}

export interface GuidedFlowOptions {
  /** Said before the first step shown this time: the flow's intro, or "Welcome back". */
  lead: string;
}

/** The steps of a flow for someone of this age band: steps marked for other ages are skipped. */
export function stepsFor(flow: GuidedFlow, ageBand: string | undefined): FlowStep[] {
  return flow.steps.filter((step) => !step.ages || (ageBand !== undefined && step.ages.includes(ageBand)));
}

/** The option a message picks: its number ("2") or its label. */
export function pickOption(step: FlowStep, text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d$/.test(trimmed)) {
    const index = Number(trimmed) - 1;
    return index >= 0 && index < step.options.length ? index : undefined;
  }
  const folded = foldText(trimmed);
  const index = step.options.findIndex((option) => foldText(option.label) === folded);
  return index >= 0 ? index : undefined;
}

/** One step as a reply: the entry's answer and/or the question, the options as buttons, and a way out. */
export function stepReply(kb: KnowledgeBase, step: FlowStep, profile: UserProfile, lead: string[]): BotReply {
  const audience = profile.audience ?? DEFAULT_AUDIENCE;
  const entry = step.entry === undefined ? undefined : kb.byId.get(step.entry);
  const messages = [...lead, ...(entry ? [answerFor(entry, audience)] : []), ...(step.ask ? [step.ask] : [])];
  const suggestions: Suggestion[] = step.options.map((option) => ({ title: option.label, value: option.label }));
  suggestions.push({ title: wording.stopFlow, value: wording.stopFlow });
  return { messages, suggestions, outcome: { kind: 'answer', entryId: null, confidence: null, pii: false } };
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
  return {
    messages: [parts.join('\n\n')],
    suggestions: [...entrySuggestions(kb, entries), { title: wording.restartFlow(flow.title), value: flow.title }],
    outcome: { kind: 'answer', entryId: null, confidence: null, pii: false },
  };
}

/**
 * One dialog for every guided flow: the flow is data (knowledge/flows/*.yaml) named by the progress kept in
 * conversation state, so a flow can be left at any step (any message that is not one of the step's options,
 * or any command, leaves it) and resumed or restarted later. Interruptions are checked before the step's
 * prompt sees the message, as in the Bot Framework core-bot sample's interruptible dialog.
 */
export class GuidedFlowDialog extends ComponentDialog {
  constructor(
    private readonly store: KnowledgeStore,
    private readonly state: BotStateAccessors,
    private readonly send: ReplySender,
    private readonly renderPrompt: PromptRenderer,
  ) {
    super(GUIDED_FLOW_DIALOG);
    this.addDialog(new TextPrompt(ANSWER_PROMPT));
    this.addDialog(new WaterfallDialog(STEPS, [this.ask.bind(this), this.handle.bind(this)]));
    this.initialDialogId = STEPS;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (await this.isInterruption(innerDc.context)) return { status: DialogTurnStatus.complete, result: { left: true } satisfies FlowResult };
    return super.onContinueDialog(innerDc);
  }

  /** A disclosure, commands ("menu", "stop", "start over"…), a typed audience or flow name, and "I'm a parent" leave the flow. */
  private async isInterruption(context: TurnContext): Promise<boolean> {
    const text = context.activity.text?.trim() ?? '';
    const kb = this.store.snapshot()?.kb;
    if (!kb || !text) return false;
    // Safety first, inside a flow too: a disclosure leaves the flow and gets the safety answer.
    if (detectDisclosure(text, kb.safety.lexicon)) return true;
    const progress = (await this.state.getConversation(context)).flow;
    const step = progress && this.currentStep(kb, progress, await this.state.getProfile(context));
    if (step && pickOption(step, text) !== undefined) return false;
    const folded = foldText(text);
    if (recognizeCommand(text) || kb.audiences.choices.some((c) => foldText(c.label) === folded)) return true;
    const said = whoIsAsking(text, kb.audiences);
    return said.audience !== undefined || said.age !== undefined || said.childAge !== undefined;
  }

  private currentStep(kb: KnowledgeBase, progress: FlowProgress, profile: UserProfile): FlowStep | undefined {
    const flow = kb.flows.get(progress.flowId);
    return flow ? stepsFor(flow, profile.ageBand)[progress.step] : undefined;
  }

  /** Where this conversation is: the flow under way and its current step, or undefined if it has gone. */
  private async where(context: TurnContext) {
    const kb = this.store.snapshot()?.kb;
    const conversation = await this.state.getConversation(context);
    const profile = await this.state.getProfile(context);
    const progress = conversation.flow;
    const flow = progress && kb?.flows.get(progress.flowId);
    const current = kb && progress && this.currentStep(kb, progress, profile);
    return kb && progress && flow && current ? { kb, conversation, profile, progress, flow, current } : undefined;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const here = await this.where(step.context);
    if (!here) {
      (await this.state.getConversation(step.context)).flow = undefined;
      return step.endDialog({ left: false } satisfies FlowResult);
    }
    const lead = (step.options as Partial<GuidedFlowOptions> | undefined)?.lead;
    const prompt = await this.renderPrompt(step.context, stepReply(here.kb, here.current, here.profile, lead ? [lead] : []));
    return step.prompt(ANSWER_PROMPT, { prompt });
  }

  private async handle(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const here = await this.where(step.context);
    if (!here) return step.endDialog({ left: false } satisfies FlowResult);
    const { kb, conversation, profile, progress, flow, current } = here;

    const picked = pickOption(current, String(step.result ?? ''));
    // Not one of the options: the user has left the flow with a question; the rest of the pipeline answers it.
    if (picked === undefined) return step.endDialog({ left: true } satisfies FlowResult);
    const option = current.options[picked];
    progress.picks[current.id] = picked;
    if (option.ageBand) profile.ageBand = option.ageBand;
    if (option.feedback) await this.send(step.context, { messages: [option.feedback], suggestions: [], outcome: { kind: 'answer', entryId: null, confidence: null, pii: false } });
    progress.step += 1;
    const steps = stepsFor(flow, profile.ageBand);
    if (progress.step >= steps.length) {
      conversation.flow = undefined;
      await this.send(step.context, summaryReply(kb, flow, steps, progress.picks));
      return step.endDialog({ left: false } satisfies FlowResult);
    }
    return step.replaceDialog(STEPS);
  }
}

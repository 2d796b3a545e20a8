import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { KnowledgeStore } from '../knowledge/store';
import { GUIDED_FLOW_DIALOG, GuidedFlowDialog, type FlowResult, type GuidedFlowOptions, type PromptRenderer, type ReplySender } from './guidedFlow';
import type { ConversationPipeline, TurnAction } from './pipeline';
import { isSharedConversation, type BotStateAccessors } from './state';
import { wording } from './wording';

export const ROOT_DIALOG = 'root';
const TURN = 'rootTurn';

/** Options of one pass of the root dialog's turn. */
interface TurnOptions {
  /** The message has just taken the user out of a guided flow. */
  leftFlow?: boolean;
}

/**
 * The router: every message goes through the pipeline; a guided flow it asks for runs as a child dialog
 * until it ends or the user leaves it, and a message that leaves a flow is then handled like any other.
 */
export class RootDialog extends ComponentDialog {
  constructor(
    private readonly pipeline: ConversationPipeline,
    private readonly state: BotStateAccessors,
    store: KnowledgeStore,
    private readonly send: ReplySender,
    renderPrompt: PromptRenderer,
  ) {
    super(ROOT_DIALOG);
    this.addDialog(new GuidedFlowDialog(store, state, send, renderPrompt));
    this.addDialog(new WaterfallDialog(TURN, [this.route.bind(this), this.afterFlow.bind(this)]));
    this.initialDialogId = TURN;
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const leftFlow = (step.options as TurnOptions | undefined)?.leftFlow ?? false;
    const action: TurnAction = await this.pipeline.decide(step.context, leftFlow);
    if (action.kind === 'reply') {
      await this.send(step.context, action.reply);
      return step.endDialog();
    }
    if (isSharedConversation(step.context.activity)) {
      // A guided flow needs memory of the conversation, which the bot keeps only one to one.
      await this.send(step.context, { messages: [wording.flowsNeedAPersonalChat], suggestions: [], outcome: { kind: 'answer', entryId: null, confidence: null, pii: false } });
      return step.endDialog();
    }
    const conversation = await this.state.getConversation(step.context);
    conversation.flow = { ...action.progress, picks: { ...action.progress.picks } };
    conversation.lastAnswerId = undefined;
    return step.beginDialog(GUIDED_FLOW_DIALOG, { lead: action.lead } satisfies GuidedFlowOptions);
  }

  private async afterFlow(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as FlowResult | undefined;
    // The message that left the flow is still this turn's: handle it as any other, offering to continue.
    if (result?.left) return step.replaceDialog(TURN, { leftFlow: true } satisfies TurnOptions);
    return step.endDialog();
  }
}

/** Runs the root dialog for a turn: continues whatever is under way, or starts a new pass. */
export class DialogRunner {
  private readonly dialogs: DialogSet;

  constructor(root: RootDialog, dialogState: StatePropertyAccessor<DialogState>) {
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(root);
  }

  async run(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROOT_DIALOG);
  }
}

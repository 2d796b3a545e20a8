import { ActivityHandler, ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { ConversationPipeline } from '../dialogs/pipeline';
import type { BotReply, Suggestion } from '../dialogs/reply';
import type { DialogRunner } from '../dialogs/rootDialog';
import { isSharedConversation, type BotStateAccessors } from '../dialogs/state';
import type { Logger } from './logger';
import { clickedButtonText, renderForChannel } from './render';

/** Where a turn leaves its outcome in `turnState`, for the CLI, tests and logs. */
export const TURN_OUTCOME = Symbol('copGuide.turnOutcome');

/** The event Web Chat sends on connect, so the welcome shows before the first message. */
export const WEBCHAT_JOIN_EVENT = 'webchat/join';

/**
 * Renders channel-neutral replies for the channel of the turn. `send` sends them; `prompt` sends all but the
 * last activity and returns that one for a dialog prompt to send. Both remember what was offered.
 */
export class ReplyChannel {
  constructor(
    private readonly pipeline: ConversationPipeline,
    private readonly logger: Logger,
  ) {}

  readonly send = async (context: TurnContext, reply: BotReply): Promise<void> => {
    await context.sendActivities(await this.prepare(context, reply));
  };

  readonly prompt = async (context: TurnContext, reply: BotReply): Promise<Partial<Activity>> => {
    const activities = await this.prepare(context, reply);
    const last = activities.pop() ?? { type: ActivityTypes.Message, text: '' };
    if (activities.length > 0) await context.sendActivities(activities);
    return last;
  };

  private async prepare(context: TurnContext, reply: BotReply): Promise<Partial<Activity>[]> {
    context.turnState.set(TURN_OUTCOME, reply.outcome);
    if (context.activity.type === ActivityTypes.Message) {
      const { kind, entryId, confidence } = reply.outcome;
      this.logger.info({ channel: context.activity.channelId, kind, entry: entryId, confidence }, 'turn');
      await this.pipeline.recordOutcome(context, reply.outcome);
    }
    // Where several people talk, nothing of the conversation is remembered: offer only buttons understood without it.
    const offered = isSharedConversation(context.activity) ? { ...reply, suggestions: reply.suggestions.filter(understoodWithoutMemory) } : reply;
    await this.pipeline.remember(context, offered);
    return renderForChannel(offered, context.activity.channelId);
  }
}

/** A button whose click means the same to a bot that remembers nothing: an entry's question, an audience, "None of these". */
function understoodWithoutMemory(suggestion: Suggestion): boolean {
  return suggestion.action === undefined || suggestion.action.kind === 'audience';
}

/**
 * Whether the bot greets: one to one, when a person joins (not the bot itself); where several people talk, once,
 * when the bot itself is added, rather than every time someone joins the group or team.
 */
function welcomeDue(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  const added = activity.membersAdded ?? [];
  return isSharedConversation(activity) ? added.some((member) => member.id === botId) : added.some((member) => member.id !== botId);
}

/** A thin activity handler: every message through the dialogs (and so the pipeline), a welcome for newcomers, state saved after every turn. */
export class CopGuideBot extends ActivityHandler {
  constructor(
    private readonly pipeline: ConversationPipeline,
    private readonly dialogs: DialogRunner,
    private readonly replies: ReplyChannel,
    private readonly state: BotStateAccessors,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.dialogs.run(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (welcomeDue(context.activity)) await this.replies.send(context, await this.pipeline.welcome(context));
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === WEBCHAT_JOIN_EVENT) await this.replies.send(context, await this.pipeline.welcome(context));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const clicked = clickedButtonText(context.activity);
    if (clicked !== undefined) context.activity.text = clicked;
    await this.state.beginTurn(context);
    await super.run(context);
    await this.state.saveAll(context);
  }
}

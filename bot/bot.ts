import { ActivityHandler, ActivityTypes, type TurnContext } from 'botbuilder';
import type { ConversationPipeline } from '../dialogs/pipeline';
import type { BotReply } from '../dialogs/reply';
import type { BotStateAccessors } from '../dialogs/state';
import type { Logger } from './logger';
import { renderForChannel } from './render';

/** Where a turn leaves its outcome in `turnState`, for the CLI, tests and logs. */
export const TURN_OUTCOME = Symbol('copGuide.turnOutcome');

/** The event Web Chat sends on connect, so the welcome shows before the first message. */
export const WEBCHAT_JOIN_EVENT = 'webchat/join';

/** A thin activity handler: every message through the pipeline, a welcome for newcomers, state saved after every turn. */
export class CopGuideBot extends ActivityHandler {
  constructor(
    private readonly pipeline: ConversationPipeline,
    private readonly state: BotStateAccessors,
    private readonly logger: Logger,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.send(context, await this.pipeline.handleMessage(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await this.send(context, this.pipeline.welcome());
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === WEBCHAT_JOIN_EVENT) await this.send(context, this.pipeline.welcome());
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveAll(context);
  }

  private async send(context: TurnContext, reply: BotReply): Promise<void> {
    context.turnState.set(TURN_OUTCOME, reply.outcome);
    if (context.activity.type === ActivityTypes.Message) {
      const { kind, entryId, confidence } = reply.outcome;
      this.logger.info({ channel: context.activity.channelId, kind, entry: entryId, confidence }, 'turn');
    }
    await context.sendActivities(renderForChannel(reply, context.activity.channelId));
  }
}

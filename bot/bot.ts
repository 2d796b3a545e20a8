import type { Span } from '@opentelemetry/api';
import type { Storage, TurnContext } from 'botbuilder';
import type { InsightRecorder } from '../dialogs/insights';
import { ConversationPipeline } from '../dialogs/pipeline';
import type { BotReply } from '../dialogs/reply';
import type { KnowledgeStore } from '../knowledge/store';
import { DEFAULT_AUDIENCE, type Audience } from '../knowledge/types';
import { BotStateStore } from './botState';
import { renderForChannel } from './channelReplies';
import { incomingMessage, isSharedConversation, turnRequest } from './incoming';
import type { Config } from './config';
import { SafeInsightRecorder } from './insights/safeRecorder';
import type { Logger } from './logger';
import { memoryStateStorage } from './stores';
import { inSpan } from './telemetry';

/** Where a turn leaves its reply (with its outcome) in `turnState`, for the `ask` contract and tests. */
export const TURN_REPLY = Symbol('copGuide.turnReply');

/**
 * The one owner of a turn, from the activity to the reply: read the state, let the pipeline decide, record the
 * outcome once, render the reply for the channel, send it, save the state. Nothing calls back into the decision
 * while sending. Activities that ask nothing of the bot (typing, a member leaving…) are left alone.
 */
export class CopGuideBot {
  constructor(
    private readonly pipeline: ConversationPipeline,
    private readonly state: BotStateStore,
    private readonly insights: SafeInsightRecorder,
    private readonly logger: Logger,
  ) {}

  async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    const shared = isSharedConversation(activity);
    const request = turnRequest(activity, shared);
    if (!request) return;
    await inSpan('turn', async (span) => {
      span.setAttributes({ 'cop.request': request, 'cop.channel': activity.channelId ?? '', 'cop.shared': shared });
      const state = await this.state.load(context, shared);
      const message = incomingMessage(activity, shared);
      const reply = request === 'message' ? this.pipeline.decide(message, state) : this.pipeline.welcome(message, state);
      if (request === 'message') this.record(reply, activity.channelId, state.profile.audience ?? DEFAULT_AUDIENCE, span);
      context.turnState.set(TURN_REPLY, reply);
      // What the turn recorded is stored before the user sees the reply, whichever instance serves the next message.
      await this.insights.flushed();
      await context.sendActivities(renderForChannel(reply, activity.channelId));
      await this.state.save(context, shared);
    });
  }

  /** Every user message's outcome, once, for the organisers' rates, the log and the trace (no text, no user). */
  private record({ outcome }: BotReply, channel: string, audience: Audience, span: Span): void {
    const { kind, entryId, confidence } = outcome;
    span.setAttributes({ 'cop.reply.kind': kind, 'cop.audience': audience, ...(entryId ? { 'cop.entry': entryId } : {}), ...(confidence !== null ? { 'cop.confidence': confidence } : {}) });
    this.logger.info({ channel, kind, entry: entryId, confidence }, 'turn');
    this.insights.recordTurn({ at: new Date(), channel, audience, kind, entryId, confidence });
  }
}

/** The bot and the state it reads and saves. */
export interface BotParts {
  bot: CopGuideBot;
  state: BotStateStore;
}

/**
 * Wires the bot over a knowledge store: state over `storage` (by default in memory, bounded by the configuration's
 * `memoryState`), the pipeline, and where the organisers' insights go. The composition root (app.ts), the `ask`
 * contract and the tests all build the bot here.
 */
export function buildBot(config: Config, store: KnowledgeStore, logger: Logger, stores: { insights: InsightRecorder; storage?: Storage }): BotParts {
  const storage = stores.storage ?? memoryStateStorage(config);
  const state = new BotStateStore(storage, (clash) => logger.warn(clash, 'two turns changed the same state at once: the later message\'s values were kept'));
  const insights = new SafeInsightRecorder(stores.insights, logger);
  const pipeline = new ConversationPipeline({ store, insights, maxMessageLength: config.maxMessageLength });
  return { bot: new CopGuideBot(pipeline, state, insights, logger), state };
}

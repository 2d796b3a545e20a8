import { ConversationState, MemoryStorage, UserState, type Storage } from 'botbuilder';
import type { InsightRecorder } from '../dialogs/insights';
import { ConversationPipeline } from '../dialogs/pipeline';
import { DialogRunner, RootDialog } from '../dialogs/rootDialog';
import { BotStateAccessors } from '../dialogs/state';
import type { KnowledgeStore } from '../knowledge/store';
import { CopGuideBot, ReplyChannel } from './bot';
import type { Config } from './config';
import { InsightsDatabase } from './insightsDb';
import type { Logger } from './logger';
import { SafeInsightRecorder } from './safeInsights';

export interface BotParts {
  bot: CopGuideBot;
  state: BotStateAccessors;
}

/** Where the parts keep what they keep: state (memory by default) and the organisers' insights (the SQLite file by default). */
export interface BotStores {
  storage?: Storage;
  insights?: InsightRecorder;
}

/** Everything a conversation needs but the activity handler: state, pipeline, the root dialog and how replies are sent. */
export interface ConversationParts {
  state: BotStateAccessors;
  conversationState: ConversationState;
  pipeline: ConversationPipeline;
  replies: ReplyChannel;
  root: RootDialog;
}

/** Wires state, pipeline and dialogs over a knowledge store (the bot, the `ask` CLI and the dialog tests share it). */
export function buildConversation(config: Config, store: KnowledgeStore, logger: Logger, stores: BotStores = {}): ConversationParts {
  const storage = stores.storage ?? new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const state = new BotStateAccessors(new UserState(storage), conversationState);
  const insights = new SafeInsightRecorder(stores.insights ?? new InsightsDatabase(config.databaseFile), logger);
  const pipeline = new ConversationPipeline({ store, state, insights, maxMessageLength: config.maxMessageLength });
  const replies = new ReplyChannel(pipeline, logger);
  const root = new RootDialog(pipeline, state, store, replies.send, replies.prompt);
  return { state, conversationState, pipeline, replies, root };
}

/** Wires the activity handler over the conversation parts. */
export function buildBot(config: Config, store: KnowledgeStore, logger: Logger, stores: BotStores = {}): BotParts {
  const { state, conversationState, pipeline, replies, root } = buildConversation(config, store, logger, stores);
  const dialogs = new DialogRunner(root, conversationState.createProperty('dialogState'));
  return { bot: new CopGuideBot(pipeline, dialogs, replies, state), state };
}

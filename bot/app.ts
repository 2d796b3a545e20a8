import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  UserState,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { ConversationPipeline } from '../dialogs/pipeline';
import { BotStateAccessors } from '../dialogs/state';
import { wording } from '../dialogs/wording';
import type { KnowledgeStore } from '../knowledge/store';
import { CopGuideBot } from './bot';
import type { Config } from './config';
import type { Logger } from './logger';

export interface BotParts {
  bot: CopGuideBot;
  state: BotStateAccessors;
}

/** Wires state, pipeline and activity handler over a knowledge store and a storage. */
export function buildBot(config: Config, store: KnowledgeStore, logger: Logger, storage: Storage = new MemoryStorage()): BotParts {
  const state = new BotStateAccessors(new UserState(storage), new ConversationState(storage));
  const pipeline = new ConversationPipeline({ store, state, maxMessageLength: config.maxMessageLength });
  return { bot: new CopGuideBot(pipeline, state, logger), state };
}

/** The Bot Framework adapter: authentication from config (none while no app id is set) and a turn-error handler that never crashes. */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const { appId, appPassword, appType, tenantId } = config.microsoftApp;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: appId,
    MicrosoftAppPassword: appPassword,
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, channel: context.activity.channelId, conversation: context.activity.conversation?.id }, 'turn failed');
    try {
      // Shown in the Emulator's inspector only; other channels never receive trace activities.
      await context.sendTraceActivity('OnTurnError Trace', error.message, 'https://www.botframework.com/schemas/error', 'TurnError');
      await context.sendActivity(wording.turnError);
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}


import { ActivityTypes, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { buildBot } from '../../bot/bot';
import { readConfig, type Config } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { MemoryInsightRecorder } from '../../dialogs/insights';
import { KnowledgeStore } from '../../knowledge/store';

/** Config as on a fresh clone, pointed at a knowledge folder. */
export function testConfig(knowledgeFolder: string, env: Record<string, string> = {}): Config {
  return readConfig({ KB_DIR: knowledgeFolder, LOG_LEVEL: 'silent', KB_WATCH: 'false', DATABASE_FILE: ':memory:', ...env });
}

/** The real bot over a knowledge folder, driven by a TestAdapter on the given channel. */
export function testBot(knowledgeFolder: string, channelId = 'emulator', env: Record<string, string> = {}, storage?: Storage, conversationId = `conv-${channelId}`) {
  const config = testConfig(knowledgeFolder, env);
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  store.reload();
  const insights = new MemoryInsightRecorder();
  const { bot, state } = buildBot(config, store, createLogger('silent'), { insights, storage });
  const adapter = new TestAdapter((context) => bot.run(context), { channelId, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: 'test' } });
  return { adapter, bot, state, store, config, insights };
}

export const message = (text: string, extra: Partial<Activity> = {}): Partial<Activity> => ({ type: ActivityTypes.Message, text, ...extra });

export const titles = (activity: Partial<Activity>): string[] => (activity.suggestedActions?.actions ?? []).map((a) => a.title);

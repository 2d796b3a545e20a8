import { AutoSaveStateMiddleware, MemoryStorage, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { buildConversation } from '../../bot/app';
import { createLogger } from '../../bot/logger';
import { readReplies } from '../../bot/render';
import { MemoryInsightRecorder } from '../../dialogs/insights';
import type { UserProfile } from '../../dialogs/state';
import { KnowledgeStore } from '../../knowledge/store';
import { testConfig } from './testBot';

/** What the user sees after one message: the texts (joined by a blank line) and the buttons offered. */
export interface Seen {
  text: string;
  suggestions: string[];
}

/**
 * The root dialog over a knowledge folder, driven by botbuilder-testing's DialogTestClient (conversation and
 * user state saved after every turn, as the bot does).
 */
export function dialogClient(knowledgeFolder: string, channelId = 'emulator') {
  const config = testConfig(knowledgeFolder);
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  store.reload();
  const insights = new MemoryInsightRecorder();
  const storage = new MemoryStorage();
  const parts = buildConversation(config, store, createLogger('silent'), { storage, insights });
  const client = new DialogTestClient(channelId, parts.root, undefined, [new AutoSaveStateMiddleware(parts.state.userState)], parts.conversationState);

  /** Sends a message and collects every reply of the turn. */
  async function say(text: string): Promise<Seen> {
    const first = await client.sendActivity(text);
    const replies: Partial<Activity>[] = first ? [first] : [];
    for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
    return readReplies(replies);
  }

  /** The profile the bot has saved for the test user (TestAdapter's user is "user1"). */
  async function profile(): Promise<UserProfile> {
    const key = `${channelId}/users/user1/`;
    const saved = (await storage.read([key]))[key] as { profile?: UserProfile } | undefined;
    return saved?.profile ?? {};
  }

  return { client, say, profile, insights, store, storage };
}

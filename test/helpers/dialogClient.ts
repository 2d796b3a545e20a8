import { ActivityTypes, MemoryStorage, type Activity } from 'botbuilder';
import { readReplies } from '../../bot/channelReplies';
import type { UserProfile } from '../../dialogs/state';
import { testBot } from './testBot';

/** What the user sees after one message: the texts (joined by a blank line) and the buttons offered. */
export interface Seen {
  text: string;
  suggestions: string[];
}

/**
 * The whole bot over a knowledge folder, one message at a time, as one user in one personal conversation
 * (state saved after every turn, as in production): for transcripts that read what the user would read.
 */
export function dialogClient(knowledgeFolder: string, channelId = 'emulator') {
  const storage = new MemoryStorage();
  const { adapter, insights, store } = testBot(knowledgeFolder, channelId, {}, storage);

  /** Sends a message and collects every reply of the turn. */
  async function say(text: string): Promise<Seen> {
    await adapter.receiveActivity({ type: ActivityTypes.Message, text });
    const replies: Partial<Activity>[] = [];
    while (adapter.activeQueue.length > 0) replies.push(adapter.activeQueue.shift() as Partial<Activity>);
    return readReplies(replies);
  }

  /** The profile the bot has saved for the test user (TestAdapter's user is "user1"). */
  async function profile(): Promise<UserProfile> {
    const key = `${channelId}/users/user1/`;
    const saved = (await storage.read([key]))[key] as { profile?: UserProfile } | undefined;
    return saved?.profile ?? {};
  }

  return { say, profile, insights, store, storage };
}

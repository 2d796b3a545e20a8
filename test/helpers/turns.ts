import { MemoryInsightRecorder } from '../../dialogs/insights';
import { readPrivately } from '../../dialogs/privacyStep';
import type { ConversationData, UserProfile } from '../../dialogs/state';
import type { IncomingMessage, Turn } from '../../dialogs/turn';
import { DEFAULT_SEARCH_SETTINGS } from '../../knowledge/search';
import { KnowledgeStore, type KnowledgeSnapshot } from '../../knowledge/store';

const stores = new Map<string, KnowledgeSnapshot>();

/** A knowledge folder loaded once per test file, with the default search settings. */
export function snapshotOf(folder: string): KnowledgeSnapshot {
  let snapshot = stores.get(folder);
  if (!snapshot) {
    const store = new KnowledgeStore(folder, DEFAULT_SEARCH_SETTINGS);
    store.reload();
    snapshot = store.snapshot();
    if (!snapshot) throw new Error(`no knowledge base in ${folder}`);
    stores.set(folder, snapshot);
  }
  return snapshot;
}

export const messageOf = (text: string, extra: Partial<IncomingMessage> = {}): IncomingMessage => ({ text, channelId: 'emulator', userId: 'user-1', shared: false, ...extra });

/** One turn of a step's own, as the pipeline builds it (personal data already taken out of `text`). */
export function turnOf(folder: string, text: string, options: { profile?: UserProfile; conversation?: ConversationData; message?: Partial<IncomingMessage>; insights?: MemoryInsightRecorder } = {}): Turn & { insights: MemoryInsightRecorder } {
  const knowledge = snapshotOf(folder);
  const reading = readPrivately(knowledge.kb, text.trim());
  return {
    message: messageOf(text, options.message),
    text: reading.text,
    said: text.trim(),
    stored: reading.stored,
    profile: options.profile ?? {},
    conversation: options.conversation ?? {},
    knowledge,
    insights: options.insights ?? new MemoryInsightRecorder(),
    leftFlow: false,
  };
}

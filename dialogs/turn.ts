import type { KnowledgeSnapshot } from '../knowledge/store';
import type { InsightRecorder } from './insights';
import type { ConversationData, UserProfile } from './state';

/** A user's message as the conversation sees it (the bot builds it from the activity): no Bot Framework types. */
export interface IncomingMessage {
  /** What the user typed or clicked, @mentions already taken out. */
  text: string;
  channelId: string;
  /** The activity's locale (en-GB…), which may tell the user's country. */
  locale?: string;
  /** Who sent it: only ever kept as a salted hash. */
  userId: string;
  /** Several people share the conversation (a group chat, a channel): the bot remembers nothing of it. */
  shared: boolean;
}

/** One user message on its way through the steps of the pipeline, with what they share. */
export interface Turn {
  message: IncomingMessage;
  /** The message with personal data and its placeholders taken out: what the search and the commands read. */
  text: string;
  /**
   * The message as written, read only by the safety check and the guided flow's options (a redacted word must
   * never hide a disclosure) and never kept. `stored` is what may be kept: personal data replaced by
   * placeholders, `[name]`, `[phone]`, …
   */
  said: string;
  stored: string;
  profile: UserProfile;
  conversation: ConversationData;
  knowledge: KnowledgeSnapshot;
  /** Where votes and unanswered questions go, for the organisers. */
  insights: InsightRecorder;
  /** The user has just left a guided flow with this message: the answer offers to continue it. */
  leftFlow: boolean;
}

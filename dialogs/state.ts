import type { Activity, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { SafetyCategory } from '../knowledge/safety';
import type { Audience } from '../knowledge/types';
import type { CandidateRecord } from './insights';
import type { Suggestion } from './reply';

/** What the bot remembers about a user across conversations. Never personal data. */
export interface UserProfile {
  audience?: Audience;
  /** A child's own age. */
  age?: number;
  /** The age of a parent's or educator's child, which tailors their answers. */
  childAge?: number;
  /** The age band (of the child, or of the parent's child) from an age or a band button. */
  ageBand?: string;
  /** The country whose helplines the bot gives (id of knowledge/helplines.yaml), from the locale or what the user said. */
  country?: string;
  /** The bot has asked "Which country are you in?" once: it does not ask again. */
  askedCountry?: boolean;
}

/** Where someone is in a guided flow, so they can leave it and come back. */
export interface FlowProgress {
  flowId: string;
  /** Index into the flow's steps for this user's age band. */
  step: number;
  /** The option picked at each step so far (step id → option index). */
  picks: Record<string, number>;
}

/** What the bot remembers within one conversation. */
export interface ConversationData {
  /** The buttons last offered, so "2" or a typed label picks one. */
  lastSuggestions?: Suggestion[];
  /** The entry last answered, for a 👍 / 👎 vote. */
  lastAnswerId?: string;
  /** The last question searched (personal data already removed), for the organisers' inbox on "None of these" or 👎. */
  lastQuestion?: { question: string; normalised: string; candidates: CandidateRecord[] };
  /** Misses in a row (no match, "None of these"): the first asks to rephrase, the second shows the menu. */
  misses?: number;
  /** The bot has just asked which country the user is in, after this safety answer: a bare country name answers it. */
  safetyPending?: SafetyCategory;
  /** The bot has just asked a child's age: a bare number answers it. */
  askedAge?: boolean;
  /** The guided flow under way or left before its end (to resume); gone once finished. */
  flow?: FlowProgress;
}

/** Teams' `conversationType`s that several people share: a group chat, and a channel of a team. */
const SHARED_CONVERSATION_TYPES = new Set(['groupChat', 'channel']);

/**
 * Several people share this conversation (a Teams group chat or channel, or any conversation marked `isGroup`).
 * Its conversation state would be everyone's at once, so the bot keeps none there: each message is answered on
 * its own. Each person's user state (audience, age) is their own, as everywhere.
 */
export function isSharedConversation(activity: Partial<Activity>): boolean {
  const conversation = activity.conversation;
  return conversation?.isGroup === true || SHARED_CONVERSATION_TYPES.has(conversation?.conversationType ?? '');
}

/** Typed access to the bot's state; the bot saves it at the end of every turn (conversation state only where it is one person's). */
export class BotStateAccessors {
  readonly profile: StatePropertyAccessor<UserProfile>;
  readonly conversation: StatePropertyAccessor<ConversationData>;

  constructor(
    readonly userState: UserState,
    readonly conversationState: ConversationState,
  ) {
    this.profile = userState.createProperty<UserProfile>('profile');
    this.conversation = conversationState.createProperty<ConversationData>('conversation');
  }

  getProfile(context: TurnContext): Promise<UserProfile> {
    return this.profile.get(context, {});
  }

  getConversation(context: TurnContext): Promise<ConversationData> {
    return this.conversation.get(context, {});
  }

  /** Starts a turn: in a shared conversation, from empty conversation state, never read from storage. */
  async beginTurn(context: TurnContext): Promise<void> {
    if (isSharedConversation(context.activity)) await this.conversationState.clear(context);
  }

  /** Saves the user's state, and the conversation's unless it is shared (which is then never written either). */
  async saveAll(context: TurnContext): Promise<void> {
    await this.userState.saveChanges(context, false);
    if (!isSharedConversation(context.activity)) await this.conversationState.saveChanges(context, false);
  }
}

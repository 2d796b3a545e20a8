import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { Audience } from '../knowledge/types';
import type { Suggestion } from './reply';

/** What the bot remembers about a user across conversations. Never personal data. */
export interface UserProfile {
  audience?: Audience;
  age?: number;
}

/** What the bot remembers within one conversation. */
export interface ConversationData {
  /** The buttons last offered, so "2" or a typed label picks one. */
  lastSuggestions?: Suggestion[];
}

/** Typed access to the bot's state; the bot saves both at the end of every turn. */
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

  async saveAll(context: TurnContext): Promise<void> {
    await this.userState.saveChanges(context, false);
    await this.conversationState.saveChanges(context, false);
  }
}

import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { ConversationData, TurnState, UserProfile } from '../dialogs/state';

/**
 * The conversation's state in Bot Framework state: the user's profile in UserState, the conversation's memory in
 * ConversationState, over whichever `Storage` the app was built with. Where several people share a conversation,
 * its state starts empty every turn and is never written.
 */
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

  /** Reads the turn's state (in a shared conversation, from empty conversation state, never read from storage). */
  async load(context: TurnContext, shared: boolean): Promise<TurnState> {
    if (shared) await this.conversationState.clear(context);
    return { profile: await this.profile.get(context, {}), conversation: await this.conversation.get(context, {}) };
  }

  /** Saves the user's state, and the conversation's unless it is shared. */
  async save(context: TurnContext, shared: boolean): Promise<void> {
    await this.userState.saveChanges(context, false);
    if (!shared) await this.conversationState.saveChanges(context, false);
  }
}

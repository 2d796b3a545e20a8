import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { IncomingMessage } from '../dialogs/turn';
import { clickedButtonText } from './channelReplies';

/** The event Web Chat sends on connect, so the welcome shows before the first message. */
export const WEBCHAT_JOIN_EVENT = 'webchat/join';

/** Teams' `conversationType`s that several people share: a group chat, and a channel of a team. */
const SHARED_CONVERSATION_TYPES = new Set(['groupChat', 'channel']);

/**
 * Several people share this conversation (a Teams group chat or channel, or any conversation marked `isGroup`).
 * Its conversation state would be everyone's at once, so the bot keeps none there: each message is answered on
 * its own. Each person's user state (audience, age) is their own, as everywhere. Decided once per turn, here.
 */
export function isSharedConversation(activity: Partial<Activity>): boolean {
  const conversation = activity.conversation;
  return conversation?.isGroup === true || SHARED_CONVERSATION_TYPES.has(conversation?.conversationType ?? '');
}

/** What an activity asks of the bot: an answer to a message, a welcome, or nothing at all. */
export type TurnRequest = 'message' | 'welcome' | undefined;

/**
 * One to one, the bot greets when a person joins (not the bot itself), and when Web Chat connects; where several
 * people talk, once, when the bot itself is added, rather than every time someone joins the group or team.
 */
export function turnRequest(activity: Partial<Activity>, shared: boolean): TurnRequest {
  if (activity.type === ActivityTypes.Message) return 'message';
  if (activity.type === ActivityTypes.Event && activity.name === WEBCHAT_JOIN_EVENT) return 'welcome';
  if (activity.type !== ActivityTypes.ConversationUpdate) return undefined;
  const botId = activity.recipient?.id;
  const added = activity.membersAdded ?? [];
  const due = shared ? added.some((member) => member.id === botId) : added.some((member) => member.id !== botId);
  return due ? 'welcome' : undefined;
}

/**
 * The message as the conversation reads it: what was typed, or the text of a Teams card button clicked, without
 * any @mention (the bot's own, and anyone's named beside it, are no part of the question).
 */
export function incomingMessage(activity: Activity, shared: boolean): IncomingMessage {
  const typed = clickedButtonText(activity) ?? activity.text ?? '';
  const mentions = TurnContext.getMentions(activity).flatMap((mention) => (mention.text ? [mention.text] : []));
  const text = mentions.reduce((rest, mention) => rest.split(mention).join(' '), typed).trim();
  return { text, channelId: activity.channelId, locale: activity.locale, userId: activity.from?.id ?? 'unknown', shared };
}

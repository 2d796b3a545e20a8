import { ActionTypes, ActivityTypes, CardFactory, Channels, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { BotReply, Suggestion } from '../dialogs/reply';

/** Channels known to show suggested actions. Teams gets card buttons; every other channel, known or not, plain text. */
const SUGGESTED_ACTION_CHANNELS = new Set<string>([Channels.Webchat, Channels.Directline, Channels.Emulator]);

function cardAction(suggestion: Suggestion): CardAction {
  return { type: ActionTypes.ImBack, title: suggestion.title, value: suggestion.value };
}

function numberedOptions(suggestions: Suggestion[]): string {
  return suggestions.map((s, i) => `${i + 1}. ${s.title}`).join('\n');
}

/**
 * Turns a channel-neutral reply into the activities a channel can show: suggested actions where they render
 * (Web Chat, Direct Line, Emulator), card buttons in Teams (suggested actions may not render there), and a
 * numbered list anywhere else (SMS, e-mail, and channels the bot does not know), answered with a number.
 */
export function renderForChannel(reply: BotReply, channelId: string): Partial<Activity>[] {
  const activities: Partial<Activity>[] = reply.messages.map((text) => MessageFactory.text(text));
  const last = activities[activities.length - 1];
  if (!last || reply.suggestions.length === 0) return activities;
  if (SUGGESTED_ACTION_CHANNELS.has(channelId)) {
    last.suggestedActions = { actions: reply.suggestions.map(cardAction), to: [] };
  } else if (channelId === Channels.Msteams) {
    last.attachments = [CardFactory.heroCard('', undefined, reply.suggestions.map(cardAction))];
  } else {
    last.text = `${last.text}\n\n${numberedOptions(reply.suggestions)}`;
  }
  return activities;
}

/** The reverse, for the CLI and tests: what a user reads and which options they are offered. */
export function readReplies(activities: Partial<Activity>[]): { text: string; suggestions: string[] } {
  const messages = activities.filter((a) => a.type === ActivityTypes.Message);
  const suggestions = messages.flatMap((a) => [
    ...(a.suggestedActions?.actions ?? []).map((action) => action.title),
    ...(a.attachments ?? []).flatMap((attachment) => ((attachment.content as { buttons?: CardAction[] } | undefined)?.buttons ?? []).map((b) => b.title)),
  ]);
  return { text: messages.map((a) => a.text ?? '').filter(Boolean).join('\n\n'), suggestions };
}

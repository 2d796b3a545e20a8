import { ActionTypes, ActivityTypes, CardFactory, Channels, MessageFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { BotReply, Suggestion } from '../dialogs/reply';

/** Channels known to show suggested actions. Teams gets card buttons; every other channel, known or not, plain text. */
const SUGGESTED_ACTION_CHANNELS = new Set<string>([Channels.Webchat, Channels.Directline, Channels.Emulator]);

/** ActionSet, the newest element the Teams card uses, came with Adaptive Cards 1.2: older Teams clients show it too. */
const TEAMS_CARD_VERSION = '1.2';
/** Teams shows at most six actions in one set (its host config's `maxActions`); more go into further rows. */
const TEAMS_MAX_ACTIONS = 6;

/** A Teams card button: a submit action that Teams turns into a message from the user (imBack), as QnA Maker's Teams mode did. */
export interface TeamsImBackAction {
  type: 'Action.Submit';
  title: string;
  data: { msteams: { type: 'imBack'; value: string } };
}

/** The parts of an Adaptive Card the bot writes and reads back. */
interface TeamsCard {
  type: 'AdaptiveCard';
  version: string;
  body: { type: 'ActionSet'; actions: TeamsImBackAction[] }[];
  actions?: TeamsImBackAction[];
}

function cardAction(suggestion: Suggestion): CardAction {
  return { type: ActionTypes.ImBack, title: suggestion.title, value: suggestion.value };
}

function teamsAction(suggestion: Suggestion): TeamsImBackAction {
  return { type: 'Action.Submit', title: suggestion.title, data: { msteams: { type: 'imBack', value: suggestion.value } } };
}

/** The buttons as an Adaptive Card, in rows of (nearly) even length, at most six each, so none is dropped. */
function teamsCard(suggestions: Suggestion[]): Attachment {
  const rows = Math.ceil(suggestions.length / TEAMS_MAX_ACTIONS);
  const body: TeamsCard['body'] = [];
  for (let row = 0, start = 0; row < rows; row++) {
    const length = Math.floor(suggestions.length / rows) + (row < suggestions.length % rows ? 1 : 0);
    body.push({ type: 'ActionSet', actions: suggestions.slice(start, start + length).map(teamsAction) });
    start += length;
  }
  const card: TeamsCard & { $schema: string } = { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: TEAMS_CARD_VERSION, body };
  return CardFactory.adaptiveCard(card);
}

/** The actions of an Adaptive Card the bot sent, in order (none for any other attachment). */
export function adaptiveCardActions(attachment: Attachment): TeamsImBackAction[] {
  if (attachment.contentType !== CardFactory.contentTypes.adaptiveCard) return [];
  const card = attachment.content as Partial<TeamsCard> | undefined;
  return [...(card?.body ?? []).flatMap((element) => (element.type === 'ActionSet' ? element.actions : [])), ...(card?.actions ?? [])];
}

/**
 * The text of a Teams card button when the click comes back as the button's data rather than as the text
 * Teams posts for the user (the Microsoft 365 Agents Playground sends it so); undefined for anything else.
 */
export function clickedButtonText(activity: Partial<Activity>): string | undefined {
  if (activity.type !== ActivityTypes.Message || activity.text) return undefined;
  const msteams = (activity.value as Partial<TeamsImBackAction['data']> | null | undefined)?.msteams;
  return msteams?.type === 'imBack' && typeof msteams.value === 'string' ? msteams.value : undefined;
}

function numberedOptions(suggestions: Suggestion[]): string {
  return suggestions.map((s, i) => `${i + 1}. ${s.title}`).join('\n');
}

/**
 * Turns a channel-neutral reply into the activities a channel can show: suggested actions where they render
 * (Web Chat, Direct Line, Emulator), an Adaptive Card of buttons under the text in Teams (suggested actions may
 * not render there), and a numbered list anywhere else (SMS, e-mail, and channels the bot does not know),
 * answered with a number. The text stays the message's text everywhere, so Teams shows it in notifications.
 */
export function renderForChannel(reply: BotReply, channelId: string): Partial<Activity>[] {
  const activities: Partial<Activity>[] = reply.messages.map((text) => MessageFactory.text(text));
  const last = activities[activities.length - 1];
  if (!last || reply.suggestions.length === 0) return activities;
  if (SUGGESTED_ACTION_CHANNELS.has(channelId)) {
    last.suggestedActions = { actions: reply.suggestions.map(cardAction), to: [] };
  } else if (channelId === Channels.Msteams) {
    last.attachments = [teamsCard(reply.suggestions)];
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
    ...(a.attachments ?? []).flatMap((attachment) => adaptiveCardActions(attachment).map((action) => action.title)),
  ]);
  return { text: messages.map((a) => a.text ?? '').filter(Boolean).join('\n\n'), suggestions };
}

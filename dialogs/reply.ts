import type { Audience } from '../knowledge/types';

/** What a button does besides sending its text, when it is clicked or its label typed. */
export type SuggestionAction =
  | { kind: 'audience'; audience: Audience }
  | { kind: 'ageBand'; band: string }
  | { kind: 'flow'; flowId: string }
  | { kind: 'resumeFlow' }
  | { kind: 'feedback'; helpful: boolean }
  | { kind: 'chooseAudience' };

/** A button or suggested action: what it shows and what it sends back when clicked. */
export interface Suggestion {
  title: string;
  value: string;
  /** The entry the suggestion opens, so a click or a typed label goes straight to it. */
  entryId?: string;
  action?: SuggestionAction;
}

export type ReplyKind = 'answer' | 'clarify' | 'fallback' | 'safety';

/** What the pipeline decided for a turn, for the `ask` contract, logs and organisers' tools. */
export interface TurnOutcome {
  kind: ReplyKind;
  /** The entry answered, if any. */
  entryId: string | null;
  /** How sure the search was, if it was asked. */
  confidence: number | null;
  /** Personal data was found in the message. */
  pii: boolean;
  /** For the check-in (`safety.check-in`): the reply it came before, which still answers the question. */
  answered?: { kind: ReplyKind; entryId: string | null; confidence: number | null };
}

/** A channel-neutral reply: the bot renders it for the channel it is talking on. */
export interface BotReply {
  /** One chat bubble each, in order. */
  messages: string[];
  suggestions: Suggestion[];
  outcome: TurnOutcome;
}

/** A turn's outcome; `pii` is set by the privacy step. */
export function outcomeOf(kind: ReplyKind, entryId: string | null = null, confidence: number | null = null): TurnOutcome {
  return { kind, entryId, confidence, pii: false };
}

/** A reply of these messages and buttons (an answer with no entry, unless an outcome is given). */
export function replyOf(messages: string[], suggestions: Suggestion[], outcome: TurnOutcome = outcomeOf('answer')): BotReply {
  return { messages, suggestions, outcome };
}

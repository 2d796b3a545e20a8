import type { KnowledgeStore } from '../knowledge/store';
import { commandStep } from './commandStep';
import { flowStep } from './flowStep';
import type { InsightRecorder } from './insights';
import { matchStep } from './matchStep';
import { audienceChoices, knownUserSuggestions } from './menus';
import { normaliseStep } from './normaliseStep';
import { onlyPersonalData, readPrivately, withPersonalDataNote } from './privacyStep';
import { outcomeOf, replyOf, type BotReply, type Suggestion } from './reply';
import { safetyStep, withCheckIn } from './safetyStep';
import type { TurnState } from './state';
import type { IncomingMessage, Turn } from './turn';
import { AUDIENCE_NAMES, wording } from './wording';

export interface PipelineOptions {
  store: KnowledgeStore;
  /** Where votes and unanswered questions go, for the organisers. */
  insights: InsightRecorder;
  maxMessageLength: number;
}

/**
 * The conversation's decisions, in the order of DESIGN.md: what the bot says to a message (the steps below,
 * each in its own module) and to someone who has just joined. It reads and changes the turn's state; the bot
 * loads and saves that state, records the outcome, renders the reply for the channel and sends it.
 */
export class ConversationPipeline {
  constructor(private readonly options: PipelineOptions) {}

  /** The reply to a user's message. */
  decide(message: IncomingMessage, state: TurnState): BotReply {
    return remembered(this.steps(message, state), state, message.shared);
  }

  private steps(message: IncomingMessage, state: TurnState): BotReply {
    // 1. Normalise: no text, too long; no knowledge base to answer from.
    const plain = normaliseStep(message, this.options.maxMessageLength);
    if (plain) return plain;
    const knowledge = this.options.store.snapshot();
    if (!knowledge) return replyOf([wording.notReady], [], outcomeOf('fallback'));

    const said = message.text.trim();
    // 2. Safety first: a disclosure (or a possible concern) is looked for in the message as written, before anything
    // is taken out of it: the lexicon, then the classifier for what it missed.
    const detection = knowledge.safety.detect(said);
    const disclosure = detection?.tier === 'disclosure' ? detection.finding : undefined;
    // 3. Privacy: personal data is found and replaced by placeholders; nothing after this line but the safety
    // answer and a flow's options reads the message as written, and nothing kept ever does.
    const { text, stored, finding } = readPrivately(knowledge.kb, said);
    const turn: Turn = { message, text, said, stored, ...state, knowledge, insights: this.options.insights, leftFlow: false };

    // A guided flow under way takes one of its step's options; anything else (a disclosure first) leaves it.
    const inFlow = flowStep(turn, disclosure);
    if (inFlow) return inFlow;
    // 2. The safety answer, whatever else the message matches (or the country it asked for).
    const safety = safetyStep(turn, disclosure);
    if (safety) return withPersonalDataNote(safety, finding, 'after');
    // 3. A message that was little but personal data gets only the note; 4. commands and who is asking;
    // 5. the match against the knowledge base. The kind note on personal data goes before the reply.
    // A possible concern gets the gentle check-in before that reply, unless the reply is only the bot's own (a
    // command, a button, who is asking: no entry answered and nothing missed).
    const rest = onlyPersonalData(turn, finding) ?? commandStep(turn) ?? matchStep(turn);
    const concern = detection?.tier === 'check-in' && !(rest.outcome.kind === 'answer' && rest.outcome.entryId === null);
    return withPersonalDataNote(concern ? withCheckIn(turn, rest) : rest, finding, 'before');
  }

  /**
   * The greeting for someone who has just joined: what the bot is, and "Who are you?" (never blocking).
   * Someone the bot already knows (the same browser after a reload, say) is welcomed back with their own topics.
   */
  welcome(message: IncomingMessage, state: TurnState): BotReply {
    const knowledge = this.options.store.snapshot();
    const reply = ((): BotReply => {
      if (!knowledge) return replyOf([wording.welcome], []);
      // Where several people talk, the welcome is for everyone, not for whoever added the bot.
      if (!state.profile.audience || message.shared) return replyOf([wording.welcome, wording.whoAreYou], audienceChoices(knowledge.kb));
      return replyOf([wording.welcomeBack(AUDIENCE_NAMES[state.profile.audience])], knownUserSuggestions({ knowledge, ...state }));
    })();
    return remembered(reply, state, message.shared);
  }
}

/**
 * What a reply offers is remembered, so a typed number or label picks it next turn. Where several people talk
 * nothing is remembered: only buttons understood without memory are offered there.
 */
function remembered(reply: BotReply, state: TurnState, shared: boolean): BotReply {
  const offered = shared ? { ...reply, suggestions: reply.suggestions.filter(understoodWithoutMemory) } : reply;
  state.conversation.lastSuggestions = offered.suggestions;
  return offered;
}

/** A button whose click means the same to a bot that remembers nothing: an entry's question, an audience, "None of these". */
function understoodWithoutMemory(suggestion: Suggestion): boolean {
  return suggestion.action === undefined || suggestion.action.kind === 'audience';
}

import { TurnContext } from 'botbuilder';
import { foldText } from '../knowledge/normalise';
import type { Candidate } from '../knowledge/search';
import type { KnowledgeSnapshot, KnowledgeStore } from '../knowledge/store';
import { answerFor, DEFAULT_AUDIENCE, labelOf, type Entry } from '../knowledge/types';
import { recognizeCommand, type Command } from './commands';
import type { BotReply, Suggestion, TurnOutcome } from './reply';
import type { BotStateAccessors, ConversationData, UserProfile } from './state';
import { entrySuggestions, noneOfTheseSuggestion, topicSuggestions, wording } from './wording';

export interface PipelineOptions {
  store: KnowledgeStore;
  state: BotStateAccessors;
  maxMessageLength: number;
}

/** What one turn works with: the message, who sent it, and the knowledge base of this turn. */
interface Turn {
  text: string;
  profile: UserProfile;
  conversation: ConversationData;
  knowledge: KnowledgeSnapshot;
}

const handled = (kind: TurnOutcome['kind'], entryId: string | null = null, confidence: number | null = null): TurnOutcome => ({ kind, entryId, confidence, pii: false });

/**
 * The one pipeline every user message goes through (see DESIGN.md): normalise, safety, privacy, commands,
 * match. It returns a channel-neutral reply; the bot renders it for the channel.
 */
export class ConversationPipeline {
  constructor(private readonly options: PipelineOptions) {}

  /** The greeting for someone who has just joined. */
  welcome(): BotReply {
    const knowledge = this.options.store.snapshot();
    if (!knowledge) return { messages: [wording.welcome], suggestions: [], outcome: handled('answer') };
    return { messages: [wording.welcome], suggestions: entrySuggestions(knowledge.kb, knowledge.kb.examples), outcome: handled('answer') };
  }

  async handleMessage(context: TurnContext): Promise<BotReply> {
    const reply = await this.decide(context);
    // Read again: "start over" deletes the conversation state during the turn.
    const conversation = await this.options.state.getConversation(context);
    conversation.lastSuggestions = reply.suggestions;
    return reply;
  }

  private async decide(context: TurnContext): Promise<BotReply> {
    // Step 1: normalise.
    const text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? '';
    if (!text) return { messages: [wording.notText], suggestions: [], outcome: handled('fallback') };
    if (text.length > this.options.maxMessageLength) {
      return { messages: [wording.tooLong(this.options.maxMessageLength)], suggestions: [], outcome: handled('fallback') };
    }
    const knowledge = this.options.store.snapshot();
    if (!knowledge) return { messages: [wording.notReady], suggestions: [], outcome: handled('fallback') };

    const turn: Turn = {
      text,
      profile: await this.options.state.getProfile(context),
      conversation: await this.options.state.getConversation(context),
      knowledge,
    };
    // Step 2 (safety: distress and abuse disclosures) and step 3 (privacy: personal data) come here, before
    // anything else may answer; they arrive with the safety issue.

    // Step 4: commands, including a pick from the buttons last offered.
    const picked = pickSuggestion(turn);
    if (picked?.entryId) {
      const entry = knowledge.kb.byId.get(picked.entryId);
      if (entry) return this.answer(turn, entry, 1);
    }
    const command = recognizeCommand(picked?.value ?? text);
    if (command) return this.runCommand(command, context, turn);

    // Step 5: match against the knowledge base.
    return this.match(turn);
  }

  private async runCommand(command: Command, context: TurnContext, turn: Turn): Promise<BotReply> {
    const { kb } = turn.knowledge;
    switch (command) {
      case 'help':
        return { messages: [wording.help], suggestions: topicSuggestions(kb), outcome: handled('answer') };
      case 'menu':
        return { messages: [wording.menu], suggestions: topicSuggestions(kb), outcome: handled('answer') };
      case 'startOver':
        await this.options.state.conversation.delete(context);
        return { messages: [wording.startOver], suggestions: entrySuggestions(kb, kb.examples), outcome: handled('answer') };
      case 'noneOfThese':
        return { messages: [wording.rephrase], suggestions: topicSuggestions(kb), outcome: handled('fallback') };
    }
  }

  private match(turn: Turn): BotReply {
    const { kb, search } = turn.knowledge;
    const result = search.search(turn.text, turn.profile.audience);
    const [top] = result.candidates;
    switch (result.outcome) {
      case 'answer':
        return this.answer(turn, top.entry, top.confidence);
      case 'clarify':
        return clarify(result.candidates);
      case 'fallback':
        return { messages: [wording.fallback], suggestions: topicSuggestions(kb), outcome: handled('fallback', null, top?.confidence ?? 0) };
    }
  }

  private answer(turn: Turn, entry: Entry, confidence: number): BotReply {
    return {
      messages: [answerFor(entry, turn.profile.audience ?? DEFAULT_AUDIENCE)],
      suggestions: entrySuggestions(turn.knowledge.kb, entry.followUps),
      outcome: handled('answer', entry.id, confidence),
    };
  }
}

function clarify(candidates: Candidate[]): BotReply {
  const options: Suggestion[] = candidates.map(({ entry }) => ({ title: labelOf(entry), value: entry.questions[0], entryId: entry.id }));
  const message = options.length === 1 ? wording.clarifyOne(options[0].title) : wording.clarifyMany;
  return { messages: [message], suggestions: [...options, noneOfTheseSuggestion], outcome: handled('clarify', null, candidates[0].confidence) };
}

/** A button last offered, picked by its number ("2"), its label or its value. */
function pickSuggestion(turn: Turn): Suggestion | undefined {
  const offered = turn.conversation.lastSuggestions ?? [];
  if (offered.length === 0) return undefined;
  if (/^\d{1,2}$/.test(turn.text)) return offered[Number(turn.text) - 1];
  const folded = foldText(turn.text);
  return offered.find((s) => foldText(s.title) === folded || foldText(s.value) === folded);
}

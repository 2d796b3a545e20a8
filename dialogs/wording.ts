import type { KnowledgeBase } from '../knowledge/types';
import { labelOf } from '../knowledge/types';
import type { Suggestion } from './reply';
import { NONE_OF_THESE } from './commands';

/** The fixed things the bot says, in one place so their tone stays the same. */
export const wording = {
  welcome:
    "Hello! I'm the COP Guide Bot. I answer questions about the ITU 2020 Guidelines on Child Online Protection and their launch event in June 2020. " +
    "I'm a bot, not a person, and I don't keep any personal data. Ask me anything, or try one of these:",
  help:
    'Ask me a question in your own words, for example "When was the launch event?" or "What are the four sets of guidelines?". ' +
    'Click a button to follow up. Type "menu" to see the topics, or "start over" to begin again. Here are the topics I know about:',
  menu: 'Here are the topics I can help with. Pick one, or ask your own question:',
  startOver: "Let's start again. What would you like to know?",
  clarifyMany: "I'm not sure which of these you mean. Pick one:",
  clarifyOne: (label: string) => `Did you mean "${label}"?`,
  rephrase: "Sorry I didn't get that right. Could you ask it in other words? Or pick a topic:",
  fallback:
    "Sorry, I don't know the answer to that. I can only answer questions about the ITU 2020 Guidelines on Child Online Protection and their launch event. " +
    'Try asking in other words, or pick a topic:',
  notText: 'I can only read typed messages. Please type your question.',
  tooLong: (limit: number) => `That message is a little long for me. Could you ask your question in a sentence or two (under ${limit} characters)?`,
  notReady: "Sorry, I can't answer questions right now because my knowledge base is not loaded. Please try again in a moment.",
  turnError: 'Sorry, something went wrong on my side. Please try again.',
};

/** Buttons for a list of entries: the label shows, the canonical question is sent back. */
export function entrySuggestions(kb: KnowledgeBase, ids: readonly string[]): Suggestion[] {
  return ids.flatMap((id) => {
    const entry = kb.byId.get(id);
    return entry ? [{ title: labelOf(entry), value: entry.questions[0], entryId: entry.id }] : [];
  });
}

export function topicSuggestions(kb: KnowledgeBase): Suggestion[] {
  return kb.topics.flatMap((topic) => {
    const entry = kb.byId.get(topic.entryId);
    return entry ? [{ title: topic.label, value: entry.questions[0], entryId: entry.id }] : [];
  });
}

export const noneOfTheseSuggestion: Suggestion = { title: NONE_OF_THESE, value: NONE_OF_THESE };

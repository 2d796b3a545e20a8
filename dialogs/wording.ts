import type { Audience, KnowledgeBase } from '../knowledge/types';
import { labelOf } from '../knowledge/types';
import type { Suggestion } from './reply';
import { NONE_OF_THESE } from './commands';

/** The fixed things the bot says, in one place so their tone stays the same. */
export const wording = {
  welcome:
    "Hello! I'm the COP Guide Bot. I answer questions about the ITU 2020 Guidelines on Child Online Protection and their launch event in June 2020. " +
    "I'm a bot, not a person. I don't know who you are, and I never keep phone numbers, e-mail or home addresses. Ask me anything, for example \"When was the launch event?\"",
  welcomeBack: (label: string) =>
    `Welcome back! I'm the COP Guide Bot, and I'm still answering for ${label}, as you told me last time ` +
    '(type "change audience" if that has changed). Ask me anything, or pick a topic:',
  flowsNeedAPersonalChat:
    'Quizzes and plans go step by step, so they need a one-to-one chat with me: open a chat with me to start one. Here, ask me any question.',
  whoAreYou: 'So I can put things in the right words: who are you? (Or just ask your question.)',
  chooseAudience: 'Who are you? Pick one, and I will tailor my answers:',
  whoAreYouButton: 'Who are you?',
  askAge: 'How old are you? Pick one, or tell me, like "I\'m 10".',
  noted: (label: string) => `Thanks! I'll answer for ${label}.`,
  help:
    'Ask me a question in your own words, for example "When was the launch event?" or "What are the four sets of guidelines?". ' +
    'Click a button to follow up. Type "menu" for the topics, "change audience" to tell me who you are, "stop" to leave a quiz or plan, or "start over" to begin again. Here are the topics:',
  menu: 'Here are the topics I can help with. Pick one, or ask your own question:',
  startOver: "Let's start again. What would you like to know?",
  clarifyMany: "I'm not sure which of these you mean. Pick one:",
  clarifyOne: (label: string) => `Did you mean "${label}"?`,
  rephrase: "Sorry, I didn't get that. Could you ask it in other words?",
  fallback: "Sorry, I don't know the answer to that. Could you ask it in other words?",
  closestTopics: 'Or pick one of these topics, the closest I have:',
  secondMiss:
    "Sorry, I still don't know. I can only answer questions about the ITU 2020 Guidelines on Child Online Protection and their launch event. " +
    'Here are the topics I know about:',
  helpful: 'Thanks for telling me!',
  notHelpful: "Sorry that didn't help. Could you ask in other words? Or pick a topic:",
  noVote: 'Thanks! Ask me a question first, then tell me if the answer helped.',
  flowStopped: (title: string) => `OK, I've stopped "${title}". You can carry on later where you left off.`,
  nothingToStop: 'There is nothing to stop. Ask me anything, or pick a topic:',
  nothingToResume: 'There is nothing to carry on with. Pick a topic, or ask me anything:',
  flowResumed: (title: string) => `Welcome back to "${title}".`,
  resumeFlow: (title: string) => `Continue: ${title}`,
  restartFlow: (title: string) => `Start again: ${title}`,
  stopFlow: 'Stop',
  personalData: (what: string) =>
    `Please don't share your ${what} with me or anywhere online: I don't need it and I don't keep it, and someone you don't know could use it to find or contact you.`,
  whichCountry: 'Which country are you in? Then I can give you the helplines there.',
  countryNoted: (country: string, emergency: string) => `Thanks. Here is who can help (${country}). In an emergency, call ${emergency}.`,
  countryHelplines: (country: string, emergency: string) => `${country}: who can help (check each service's site for current hours). In an emergency, call ${emergency}.`,
  noChildHelpline: (country: string) => `I have no checked child helpline for ${country}. Child Helpline International's directory lists the helplines of each country.`,
  countryKept: (country: string) => `Thanks. If you ever need help, I'll give you the helplines where you are (${country}).`,
  keepTalking: 'You can keep talking to me, or ask me anything else.',
  notText: 'I can only read typed messages. Please type your question.',
  tooLong: (limit: number) => `That message is a little long for me. Could you ask your question in a sentence or two (under ${limit} characters)?`,
  notReady: "Sorry, I can't answer questions right now because my knowledge base is not loaded. Please try again in a moment.",
  turnError: 'Sorry, something went wrong on my side. Please try again.',
};

/** How the bot names an audience in "I'll answer for …". */
export const AUDIENCE_NAMES: Record<Audience, string> = {
  children: 'children and young people',
  'parents-educators': 'parents, carers and educators',
  industry: 'industry',
  'policy-makers': 'policy-makers',
  general: 'anyone',
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

import { foldText } from '../knowledge/normalise';

export type Command = 'help' | 'menu' | 'startOver' | 'cancel' | 'changeAudience' | 'resumeFlow' | 'noneOfThese';

/** Exact phrases (compared after folding case, accents and punctuation) that are commands rather than questions. */
const COMMAND_PHRASES: Record<Command, string[]> = {
  help: ['help', 'help me', 'what can you do', 'what can i ask', 'what can i ask you', 'how does this work', 'how do you work', 'instructions', 'commands'],
  menu: ['menu', 'main menu', 'topics', 'topic', 'show topics', 'show me the topics', 'options', 'list topics', 'what topics', 'categories'],
  startOver: ['start over', 'start again', 'restart', 'reset', 'begin again', 'new conversation', 'clear'],
  cancel: ['cancel', 'stop', 'quit', 'exit', 'leave', 'stop this', 'stop the quiz', 'i want to stop', 'never mind', 'nevermind'],
  changeAudience: ['change audience', 'change who i am', 'who are you for', 'switch audience', 'i am someone else', 'im someone else', 'tell you who i am', 'choose audience'],
  resumeFlow: ['resume', 'continue', 'carry on', 'go on', 'keep going', 'back to the quiz', 'back to the plan', 'back to the check'],
  noneOfThese: ['none of these', 'none of them', 'none', 'neither', 'neither of these', 'not these', 'no none of these'],
};

const BY_PHRASE = new Map<string, Command>(
  (Object.entries(COMMAND_PHRASES) as [Command, string[]][]).flatMap(([command, phrases]) => phrases.map((p) => [foldText(p), command] as const)),
);

/** The command a message is, if it is one. Questions that merely contain a command word are not commands. */
export function recognizeCommand(text: string): Command | undefined {
  return BY_PHRASE.get(foldText(text));
}

/** The label the bot puts on its "None of these" button: recognised above, so a click is handled as a command. */
export const NONE_OF_THESE = 'None of these';

import type { SafetyCategory } from '../knowledge/safety';
import type { Audience } from '../knowledge/types';
import type { CandidateRecord } from './insights';
import type { Suggestion } from './reply';

/** What the bot remembers about a user across conversations. Never personal data. */
export interface UserProfile {
  audience?: Audience;
  /** A child's own age. */
  age?: number;
  /** The age of a parent's or educator's child, which tailors their answers. */
  childAge?: number;
  /** The age band (of the child, or of the parent's child) from an age or a band button. */
  ageBand?: string;
  /** The country whose helplines the bot gives (id in the knowledge base's helplines.yaml), from the locale or what the user said. */
  country?: string;
  /** The bot has asked "Which country are you in?" once: it does not ask again. */
  askedCountry?: boolean;
}

/** Where someone is in a guided flow: the only record of it, so they can leave it and come back. */
export interface FlowProgress {
  flowId: string;
  /** Index into the flow's steps for this user's age band. */
  step: number;
  /** The option picked at each step so far (step id → option index). */
  picks: Record<string, number>;
  /** The user left the flow with a message that was not one of the step's options: it waits to be resumed. */
  paused?: boolean;
}

/** What the bot remembers within one conversation. */
export interface ConversationData {
  /** The buttons last offered, so "2" or a typed label picks one. */
  lastSuggestions?: Suggestion[];
  /** The entry last answered, for a 👍 / 👎 vote. */
  lastAnswerId?: string;
  /** The last question searched (personal data already removed), for the organisers' inbox on "None of these" or 👎. */
  lastQuestion?: { question: string; normalised: string; candidates: CandidateRecord[] };
  /** Misses in a row (no match, "None of these"): the first asks to rephrase, the second shows the menu. */
  misses?: number;
  /** The bot has just asked which country the user is in, after this safety answer: a bare country name answers it. */
  safetyPending?: SafetyCategory;
  /** The bot has just asked a child's age: a bare number answers it. */
  askedAge?: boolean;
  /** The guided flow under way, or left before its end (to resume); gone once finished. */
  flow?: FlowProgress;
}

/** What a turn reads and changes: the user's profile and the conversation's memory. The bot loads and saves both. */
export interface TurnState {
  profile: UserProfile;
  conversation: ConversationData;
}

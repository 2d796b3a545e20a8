import type { HelplineBook, SafetyAnswers } from './helplines';
import type { Lexicon } from './normalise';
import type { SafetyCategory, SafetyLexicon } from './safety';

/** The audiences the bot tailors its answers to; the ids are used in state, YAML, the CLI and tests. */
export const AUDIENCES = ['children', 'parents-educators', 'industry', 'policy-makers', 'general'] as const;

/** One of {@link AUDIENCES}. `general` is the default for anyone who has not said who they are. */
export type Audience = (typeof AUDIENCES)[number];

export const DEFAULT_AUDIENCE: Audience = 'general';

export function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}

/** One curated question-and-answer entry of the knowledge base, as loaded from `entries/*.yaml` of the knowledge folder. */
export interface Entry {
  /** Stable id `area.topic`, e.g. `event.date`. */
  id: string;
  /** The part of `id` before the dot. */
  area: string;
  /** Ways people ask for this entry; the first is the canonical question shown on buttons. */
  questions: string[];
  /** Extra words or phrases that point to this entry (searched like questions, never shown). */
  tags: string[];
  /** The default answer, shown to any audience without an answer of its own. */
  answer: string;
  /** Answers tailored to an audience; falls back to `answer`. */
  answers: Partial<Record<Audience, string>>;
  /** The audiences this entry is most useful to; used to boost it for them. */
  audiences: Audience[];
  /** Ids of entries offered as next questions after this one. */
  followUps: string[];
  /** Where the facts come from (URLs or reference notes). */
  source: string[];
  /** A short label for buttons; defaults to the canonical question. */
  short?: string;
  /** When true the entry is reachable only as a follow-up, never from free text. */
  contextOnly: boolean;
  /**
   * When true, a question that names a country of helplines.yaml ("which number can a child call in Brazil?") is
   * answered with that country's helplines and reporting services instead of this entry's own list.
   */
  helplinesByCountry?: boolean;
  /** Where the entry was defined, for error messages and organisers' tools. */
  origin: { file: string; line: number };
}

/** A menu topic: a label and the entry it opens. */
export interface Topic {
  label: string;
  entryId: string;
}

/** A loaded, validated knowledge base. Immutable once built: a reload builds a new one. */
export interface KnowledgeBase {
  entries: readonly Entry[];
  byId: ReadonlyMap<string, Entry>;
  lexicon: Lexicon;
  /** Topics offered on "help". */
  topics: readonly Topic[];
  /** Entries offered as examples after "start over". */
  examples: readonly string[];
  /** Who the bot talks to: "Who are you?" buttons, audience profiles, age bands. */
  audiences: AudienceSetup;
  /** Guided flows by id. */
  flows: ReadonlyMap<string, GuidedFlow>;
  /** The safety lexicon, helplines by country, the wording of safety answers, and what the safety classifier learns from. */
  safety: { lexicon: SafetyLexicon; helplines: HelplineBook; answers: SafetyAnswers; training: SafetyTraining };
  /** Phrasings the matcher learns from (training/*.yaml): never shown to users. */
  training: TrainingData;
  /** Short content hash: changes whenever any knowledge file changes. */
  version: string;
  loadedAt: Date;
}

/** What the matcher learns from beside the entries' own questions: more phrasings per entry, and what is out of scope. */
export interface TrainingData {
  /** Entry id → phrasings of questions it answers. */
  examples: ReadonlyMap<string, readonly string[]>;
  /** Messages the bot must not answer from the base. */
  outOfScope: readonly string[];
}

/** What the safety classifier learns from (safety-training/*.yaml): never shown to users. */
export interface SafetyTraining {
  disclosures: readonly { text: string; category: SafetyCategory }[];
  /** Possible concerns: the check-in tier. */
  concerns: readonly string[];
  /** Messages that must get no safety answer. */
  ordinary: readonly string[];
}

/** The label a button shows for an entry. */
export function labelOf(entry: Entry): string {
  return entry.short ?? entry.questions[0];
}

/** The answer text for an audience: its own answer if the entry has one, else the default. */
export function answerFor(entry: Entry, audience: Audience): string {
  return entry.answers[audience] ?? entry.answer;
}

/** One of the age bands of the children's guidelines (under 9, 9–12, 13–18). */
export interface AgeBand {
  id: string;
  label: string;
  from: number;
  to: number;
  /** The entry about the resource made for this band. */
  resource: string;
}

/** How the bot addresses one audience. */
export interface AudienceProfile {
  greeting: string;
  /** Entry ids of this audience's topic menu. */
  menu: string[];
  /** The guided flow offered to this audience, if any. */
  flow?: string;
  /** Folded words that, after "I am" / "I work for", say someone belongs to this audience. */
  roles: string[];
}

/** Audiences as data: the "Who are you?" buttons, a profile per audience, the age bands. */
export interface AudienceSetup {
  choices: { label: string; audience: Audience }[];
  profiles: Record<Audience, AudienceProfile>;
  ageBands: AgeBand[];
  trustedAdultReminder?: string;
  remindInAreas: string[];
}

export interface FlowOption {
  label: string;
  feedback?: string;
  correct?: boolean;
  note?: string;
  entry?: string;
  ageBand?: string;
}

export interface FlowStep {
  id: string;
  ask?: string;
  entry?: string;
  ages?: string[];
  options: FlowOption[];
}

/** A guided flow (flows/<id>.yaml of the knowledge folder): steps asked one by one, and a summary built from the answers. */
export interface GuidedFlow {
  id: string;
  audience: Audience;
  title: string;
  intro: string;
  steps: FlowStep[];
  summary: { intro: string; score?: string; empty?: string; outro: string };
  source: string[];
  origin: { file: string; line: number };
}

/** The age band an age falls in, if any. */
export function bandOf(setup: AudienceSetup, age: number | undefined): AgeBand | undefined {
  return age === undefined ? undefined : setup.ageBands.find((band) => age >= band.from && age <= band.to);
}

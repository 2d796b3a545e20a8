/** The audiences the bot tailors its answers to; the ids are used in state, YAML, the CLI and tests. */
export const AUDIENCES = ['children', 'parents-educators', 'industry', 'policy-makers', 'general'] as const;

/** One of {@link AUDIENCES}. `general` is the default for anyone who has not said who they are. */
export type Audience = (typeof AUDIENCES)[number];

export const DEFAULT_AUDIENCE: Audience = 'general';

export function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}

/** One curated question-and-answer entry of the knowledge base, as loaded from `knowledge/content/*.yaml`. */
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
  /** Where the entry was defined, for error messages and organisers' tools. */
  origin: { file: string; line: number };
}

/** A menu topic: a label and the entry it opens. */
export interface Topic {
  label: string;
  entryId: string;
}

/** Language data the search normalises with. */
export interface Lexicon {
  /** Variant phrase (already normalised) → canonical word. */
  synonyms: Map<string, string>;
  stopWords: Set<string>;
}

/** A loaded, validated knowledge base. Immutable once built: a reload builds a new one. */
export interface KnowledgeBase {
  entries: readonly Entry[];
  byId: ReadonlyMap<string, Entry>;
  lexicon: Lexicon;
  /** Topics offered in the menu and after a fallback. */
  topics: readonly Topic[];
  /** Entries offered as examples in the welcome. */
  examples: readonly string[];
  /** Short content hash: changes whenever any knowledge file changes. */
  version: string;
  loadedAt: Date;
}

/** The label a button shows for an entry. */
export function labelOf(entry: Entry): string {
  return entry.short ?? entry.questions[0];
}

/** The answer text for an audience: its own answer if the entry has one, else the default. */
export function answerFor(entry: Entry, audience: Audience): string {
  return entry.answers[audience] ?? entry.answer;
}

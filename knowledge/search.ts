import { distance } from 'fastest-levenshtein';
import Fuse, { type IFuseOptions } from 'fuse.js';
import { isCommonWord } from './commonWords';
import { EntryWordModel } from './wordModel';
import { searchTerms, type SearchTerm } from './normalise';
import type { Audience, Entry, KnowledgeBase } from './types';

/** The knobs of the search: all in one place, set from config. Confidences are in [0, 1]. */
export interface SearchSettings {
  /** A top candidate at or above this is answered (unless another is within `ambiguityGap`). */
  answerThreshold: number;
  /** Below this, nothing is close enough: the bot says it does not know. */
  clarifyThreshold: number;
  /** Candidates closer than this to the top one make the question ambiguous: the bot asks which was meant. */
  ambiguityGap: number;
  /** Added to the confidence of entries meant for the user's audience. */
  audienceBoost: number;
  /** At most this many candidates are offered in a "did you mean…?". */
  maxClarifyOptions: number;
  /**
   * A question whose known words carry less information than this is too vague to answer outright
   * ("launch?", "guidelines"): the bot asks which topic was meant instead. Information is the summed rarity
   * (IDF) of the words, as a fraction of the rarity of a word found in one entry only.
   */
  minAnswerInformation: number;
  /**
   * How much the word model (which entry is most likely to use the question's words) counts beside the
   * coverage score: confidence = (coverage + weight × probability) / (1 + weight). 0 turns it off.
   */
  wordModelWeight: number;
}

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = {
  answerThreshold: 0.55,
  clarifyThreshold: 0.52,
  ambiguityGap: 0.05,
  audienceBoost: 0.04,
  maxClarifyOptions: 3,
  minAnswerInformation: 0.5,
  wordModelWeight: 0.2,
};

/** One entry the search considers, with how sure it is (1 = the question itself). */
export interface Candidate {
  entry: Entry;
  confidence: number;
}

export type SearchOutcome = 'answer' | 'clarify' | 'fallback';

/** What the search found for one question. */
export interface SearchResult {
  outcome: SearchOutcome;
  /** Ranked best first. For `answer`, the first is the one to answer; for `clarify`, the options to offer. */
  candidates: Candidate[];
  /** The question as the search saw it, after normalisation. */
  normalised: string;
}

interface SearchRecord {
  entry: Entry;
  tokens: string[];
  /** Every word of every question and tag of the record's entry. */
  entryWords: ReadonlySet<string>;
}

/** What Fuse retrieves: an entry, with every word of its questions and tags. */
interface EntryDocument {
  entry: Entry;
  entryWords: ReadonlySet<string>;
  /** The same words as one text, for Fuse. */
  words: string;
  records: SearchRecord[];
}

/** How one word of the question reads against the knowledge base's vocabulary. */
interface WordReading {
  /** How much the word counts (IDF: rare words count more; words the base never uses count most). */
  weight: number;
  /** Vocabulary words it stands for, with a similarity in (0, 1]: 1 for the word itself, less for a spelling neighbour. */
  meanings: Map<string, number>;
}

/** A misspelt word must be at least this similar (1 − edit distance / length) to a known word to stand for it. */
const MIN_SPELLING_SIMILARITY = 0.74;
/** Share of the question coverage that must come from the closest question itself rather than the whole entry. */
const RECORD_SHARE = 0.3;
/** How much more covering the question counts than covering the record, in the confidence. */
const QUESTION_WEIGHT = 2;
/** Words shorter than this are never corrected: "cap" is not "cop". */
const MIN_CORRECTABLE_LENGTH = 3;

/**
 * Searches a knowledge base's questions and tags (never answer bodies). Built once per knowledge base.
 *
 * Fuse.js does the fuzzy work: it corrects misspelt words against the base's own vocabulary ("lanch" →
 * "launch") and retrieves the candidate entries with token search. The confidence is ours: Fuse's token
 * score only says how much of the question a text covers, so a one-word question would "fully match" every
 * long text containing it. We weigh both directions (how much of the user's question the entry explains, and
 * how much of the entry's closest question the user asked for, words weighted by rarity) in a weighted
 * harmonic mean, then blend in the word model's probability that the question's words come from the entry
 * (`wordModelWeight`), which tells apart entries that share most of their words.
 */
/** Each entry's questions and tags as search terms: most of the cost of building the index, and plain data. */
export type PreparedTerms = Map<string, { questions: SearchTerm[][]; tags: SearchTerm[][] }>;

/** Normalises every question and tag of the base (a reload does this off the request thread and passes it in). */
export function prepareTerms(kb: KnowledgeBase): PreparedTerms {
  return new Map(
    kb.entries.map((entry) => [entry.id, { questions: entry.questions.map((text) => searchTerms(text, kb.lexicon)), tags: entry.tags.map((text) => searchTerms(text, kb.lexicon)) }]),
  );
}

export class KnowledgeSearch {
  private readonly entryFuse: Fuse<EntryDocument>;
  private readonly vocabularyFuse: Fuse<string>;
  /** Every spelling the base uses (words as written, and their stems) → the stem it stands for. */
  private readonly spellings = new Map<string, string>();
  private readonly idf = new Map<string, number>();
  private readonly unknownWordWeight: number;
  /** The weight of a word found in one entry only: the unit of a question's information. */
  private readonly rarestWeight: number;
  /** Normalised question → the one entry it belongs to; forms shared by several entries are left out. */
  private readonly exact = new Map<string, Entry | null>();
  private readonly wordModel: EntryWordModel;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly settings: SearchSettings = DEFAULT_SEARCH_SETTINGS,
    prepared: PreparedTerms = prepareTerms(kb),
  ) {
    const documents: EntryDocument[] = [];
    const phrasings = new Map<string, string[][]>();
    for (const entry of kb.entries) {
      if (entry.contextOnly) continue;
      // Tags add words to the entry's vocabulary; only questions are records a question is compared with whole,
      // so that a one-word tag cannot make a one-word overlap look like a perfect match.
      const terms = prepared.get(entry.id);
      if (!terms) throw new Error(`No prepared search terms for ${entry.id}`);
      const questionTerms = terms.questions;
      const phrasingTerms = [...questionTerms, ...terms.tags];
      phrasings.set(entry.id, phrasingTerms.map((terms) => terms.map((term) => term.stem)));
      const allTerms = phrasingTerms.flat();
      for (const { word, stem } of allTerms) {
        this.spellings.set(word, stem);
        this.spellings.set(stem, stem);
      }
      const entryWords = new Set<string>(allTerms.map((term) => term.stem));
      const document: EntryDocument = { entry, entryWords, words: [...entryWords].join(' '), records: [] };
      for (const terms of questionTerms) {
        if (terms.length === 0) continue;
        const tokens = terms.map((term) => term.stem);
        const record = { entry, tokens, entryWords };
        document.records.push(record);
        const form = tokens.join(' ');
        const owner = this.exact.get(form);
        this.exact.set(form, owner === undefined || owner === entry ? entry : null);
      }
      if (document.records.length > 0) documents.push(document);
    }
    const entryCount = this.computeIdf(documents);
    this.unknownWordWeight = Math.log(1 + (entryCount + 1) / 0.5);
    this.rarestWeight = Math.log(1 + (entryCount + 1) / 1);
    this.entryFuse = new Fuse(documents, ENTRY_SEARCH);
    this.vocabularyFuse = new Fuse([...this.spellings.keys()], VOCABULARY_SEARCH);
    this.wordModel = new EntryWordModel(phrasings);
  }

  /** Rarity of each word: in how many entries (of all their questions and tags) it appears. */
  private computeIdf(documents: EntryDocument[]): number {
    const entriesWith = new Map<string, number>();
    for (const document of documents) for (const token of document.entryWords) entriesWith.set(token, (entriesWith.get(token) ?? 0) + 1);
    for (const [token, count] of entriesWith) this.idf.set(token, Math.log(1 + (documents.length + 1) / count));
    return documents.length;
  }

  /** Ranks the entries for a question and decides between answering, asking which was meant, and admitting it does not know. */
  search(question: string, audience?: Audience): SearchResult {
    const terms = searchTerms(question, this.kb.lexicon);
    const normalised = terms.map((term) => term.stem).join(' ');
    if (!normalised) return { outcome: 'fallback', candidates: [], normalised };

    const readings = terms.map((term) => this.read(term));
    const corrected = readings.flatMap((reading) => [...reading.meanings.keys()]).join(' ');
    const best = new Map<string, Candidate>();
    const likelihood = this.wordModel.posterior(strongestMeanings(readings));
    const { wordModelWeight, audienceBoost } = this.settings;
    const consider = (entry: Entry, coverage: number) => {
      const confidence = (coverage + wordModelWeight * (likelihood.get(entry.id) ?? 0)) / (1 + wordModelWeight);
      const boosted = Math.min(1, confidence + (audience && entry.audiences.includes(audience) ? audienceBoost : 0));
      const previous = best.get(entry.id);
      if (!previous || previous.confidence < boosted) best.set(entry.id, { entry, confidence: boosted });
    };
    if (corrected) {
      for (const { item } of this.entryFuse.search(corrected)) for (const record of item.records) consider(record.entry, this.confidence(readings, record));
    }

    const exact = this.exact.get(normalised) ?? undefined;
    const ranked = [...best.values()].sort((a, b) => b.confidence - a.confidence || a.entry.id.localeCompare(b.entry.id));
    if (exact) {
      // The question is, word for word once normalised, one of the base's: answer that entry, nothing else.
      return { outcome: 'answer', candidates: [{ entry: exact, confidence: 1 }, ...ranked.filter((c) => c.entry !== exact)], normalised };
    }
    const information = readings.reduce((sum, reading) => sum + (reading.meanings.size > 0 ? reading.weight : 0), 0) / this.rarestWeight;
    return { ...this.decide(ranked, information), normalised };
  }

  private read({ word, stem: token }: SearchTerm): WordReading {
    const known = this.idf.get(token);
    if (known !== undefined) return { weight: known, meanings: new Map([[token, 1]]) };
    const meanings = new Map<string, number>();
    // Only words that are not English are misspellings: "bake" is a word the base does not know, not "fake".
    // Spelling is compared as written ("groming" is close to "grooming", though their stems differ more).
    if (word.length >= MIN_CORRECTABLE_LENGTH && !isCommonWord(word)) {
      for (const { item } of this.vocabularyFuse.search(word, { limit: 40 })) {
        const similarity = 1 - distance(word, item) / Math.max(word.length, item.length);
        const stem = this.spellings.get(item);
        if (stem !== undefined && similarity >= MIN_SPELLING_SIMILARITY && similarity > (meanings.get(stem) ?? 0)) meanings.set(stem, similarity);
      }
    }
    const weights = [...meanings.keys()].map((word) => this.idf.get(word) ?? this.unknownWordWeight);
    return { weight: weights.length > 0 ? Math.max(...weights) : this.unknownWordWeight, meanings };
  }

  /**
   * Weighted harmonic mean of the two coverages. Explaining the question counts twice as much as covering the
   * record: people ask shorter or differently padded questions than the curated ones, but every meaningful
   * word they type should be accounted for.
   */
  private confidence(readings: WordReading[], record: SearchRecord): number {
    const { question: q, record: r } = this.coverage(readings, record);
    return q > 0 && r > 0 ? (QUESTION_WEIGHT + 1) / (QUESTION_WEIGHT / q + 1 / r) : 0;
  }

  /**
   * How much of the question the record's entry explains (with the words of all its questions and tags: people
   * mix phrasings), and how much of the record the question asks for; each weighted by word rarity.
   */
  private coverage(readings: WordReading[], record: SearchRecord): { question: number; record: number } {
    let questionWeight = 0;
    let questionCovered = 0;
    for (const reading of readings) {
      questionWeight += reading.weight;
      let inEntry = 0;
      let inRecord = 0;
      for (const [word, similarity] of reading.meanings) {
        if (record.entryWords.has(word)) inEntry = Math.max(inEntry, similarity);
        if (record.tokens.includes(word)) inRecord = Math.max(inRecord, similarity);
      }
      questionCovered += reading.weight * (RECORD_SHARE * inRecord + (1 - RECORD_SHARE) * inEntry);
    }
    let recordWeight = 0;
    let recordCovered = 0;
    for (const token of record.tokens) {
      const weight = this.idf.get(token) ?? this.unknownWordWeight;
      recordWeight += weight;
      recordCovered += weight * Math.max(0, ...readings.map((reading) => reading.meanings.get(token) ?? 0));
    }
    return { question: questionWeight > 0 ? questionCovered / questionWeight : 0, record: recordWeight > 0 ? recordCovered / recordWeight : 0 };
  }

  private decide(ranked: Candidate[], information: number): Omit<SearchResult, 'normalised'> {
    const { answerThreshold, clarifyThreshold, ambiguityGap, maxClarifyOptions, minAnswerInformation } = this.settings;
    const top = ranked[0];
    if (!top || top.confidence < clarifyThreshold) return { outcome: 'fallback', candidates: ranked.slice(0, maxClarifyOptions) };
    const close = ranked.filter((c) => c.confidence >= clarifyThreshold && top.confidence - c.confidence < ambiguityGap);
    const vague = information < minAnswerInformation && ranked.filter((c) => c.confidence >= clarifyThreshold).length > 1;
    if (top.confidence >= answerThreshold && close.length === 1 && !vague) return { outcome: 'answer', candidates: ranked };
    // A close call: either several entries are about as likely, or the best one is not likely enough on its own.
    const options = top.confidence >= answerThreshold && !vague ? close : ranked.filter((c) => c.confidence >= clarifyThreshold);
    return { outcome: 'clarify', candidates: options.slice(0, maxClarifyOptions) };
  }
}

/** Each vocabulary word the question stands for, with its best similarity. */
function strongestMeanings(readings: WordReading[]): Map<string, number> {
  const words = new Map<string, number>();
  for (const reading of readings) for (const [word, similarity] of reading.meanings) words.set(word, Math.max(words.get(word) ?? 0, similarity));
  return words;
}

const ENTRY_SEARCH: IFuseOptions<EntryDocument> = {
  keys: ['words'],
  useTokenSearch: true,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  // Words are already corrected against the vocabulary: retrieval only needs to allow small inflection differences.
  threshold: 0.2,
};

const VOCABULARY_SEARCH: IFuseOptions<string> = {
  ignoreLocation: true,
  includeScore: true,
  threshold: 0.4,
};

import { distance } from 'fastest-levenshtein';
import { SpellingIndex } from './spelling';
import { isCommonWord } from './commonWords';
import { largest } from './largest';
import { IntentModel, OUT_OF_SCOPE, type IntentModelData } from './intentModel';
import { trainedModelFor } from './intentTraining';
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
   * How much the learned model (the probability that the question means the entry, learnt from the entries'
   * questions and training phrasings) counts beside the coverage score:
   * confidence = (coverage + weight × probability) / (1 + weight). 0 turns it off.
   */
  modelWeight: number;
  /** The model's first guesses are candidates even when they share no word with the question: this many. */
  modelCandidates: number;
  /**
   * When the model gives "none of the entries" (what the out-of-scope phrasings taught it) at least this
   * probability, the bot says it does not know, however many words the question shares with an entry
   * ("what's the capital of Australia"). 1 turns it off.
   */
  outOfScopeVeto: number;
}

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = {
  answerThreshold: 0.38,
  clarifyThreshold: 0.3,
  ambiguityGap: 0.05,
  audienceBoost: 0.08,
  maxClarifyOptions: 3,
  minAnswerInformation: 0.5,
  modelWeight: 1,
  modelCandidates: 5,
  outOfScopeVeto: 0.5,
};

/** One entry the search considers, with how sure it is (1 = the question itself). */
export interface Candidate {
  entry: Entry;
  confidence: number;
  /** Why: how much of the question the entry's words explain, and the model's probability for it (when scored). */
  coverage?: number;
  probability?: number;
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

/** One question of an entry, in search form. */
interface SearchRecord {
  tokens: string[];
  /** Each token's rarity, and their sum. */
  tokenWeights: number[];
  weight: number;
}

/** An entry as the search retrieves it, with every word of its questions and tags. */
interface EntryDocument {
  entry: Entry;
  entryWords: ReadonlySet<string>;
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
/** How many of the vocabulary's words that look most like a misspelt one have their edit distance measured. */
const SPELLING_CANDIDATES = 40;
/** Words shorter than this are never corrected: "cap" is not "cop". */
const MIN_CORRECTABLE_LENGTH = 3;
/**
 * Only this many entries (those whose words explain most of the question) are scored in full, with the model's
 * first guesses: scoring every entry that shares a common word ("child", "online") would cost most of a search.
 */
const SCORED_ENTRIES = 30;

/** Each entry's questions and tags as search terms: most of the cost of building the index, and plain data. */
export type PreparedTerms = Map<string, { questions: SearchTerm[][]; tags: SearchTerm[][] }>;

/** Normalises every question and tag of the base (a reload does this off the request thread and passes it in). */
export function prepareTerms(kb: KnowledgeBase): PreparedTerms {
  return new Map(
    kb.entries.map((entry) => [entry.id, { questions: entry.questions.map((text) => searchTerms(text, kb.lexicon)), tags: entry.tags.map((text) => searchTerms(text, kb.lexicon)) }]),
  );
}

/** What building a search needs beyond the base: its normalised questions, and the trained model. Plain data. */
export interface PreparedSearch {
  terms: PreparedTerms;
  model: IntentModelData;
}

/** Normalises the base and trains (or takes from the cache) its model: the slow part of building a search. */
export function prepareSearch(kb: KnowledgeBase): PreparedSearch {
  return { terms: prepareTerms(kb), model: trainedModelFor(kb) };
}

/**
 * Searches a knowledge base's questions and tags (never answer bodies). Built once per knowledge base.
 *
 * Three readings of a question meet here. Each word is read against the base's vocabulary, a misspelt one
 * corrected to the known words it is closest to ("lanch" → "launch": a trigram index finds them, the edit distance
 * decides). The coverage score weighs both directions (how much of the user's question an entry explains, and how
 * much of the entry's closest question the user asked for, words weighted by rarity) in a weighted harmonic mean.
 * The learned model (intentModel.ts) gives the probability that the question means each entry, learnt from the
 * entries' questions and training phrasings: it tells apart entries that share most of their words and knows
 * phrasings that share none. The confidence blends the two (`modelWeight`); its candidates are the entries whose
 * words explain most of the question and the model's first guesses.
 */
export class KnowledgeSearch {
  /** Stem → the entries whose questions or tags use it: where candidates come from. */
  private readonly documentsWith = new Map<string, EntryDocument[]>();
  private readonly documentOf = new Map<string, EntryDocument>();
  private readonly spellingIndex: SpellingIndex;
  /** Every spelling the base uses (words as written, and their stems) → the stem it stands for. */
  private readonly spellings = new Map<string, string>();
  private readonly idf = new Map<string, number>();
  private readonly unknownWordWeight: number;
  /** The weight of a word found in one entry only: the unit of a question's information. */
  private readonly rarestWeight: number;
  /** Normalised question → the one entry it belongs to; forms shared by several entries are left out. */
  private readonly exact = new Map<string, Entry | null>();
  private readonly model: IntentModel;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly settings: SearchSettings = DEFAULT_SEARCH_SETTINGS,
    prepared: PreparedSearch = prepareSearch(kb),
  ) {
    const documents: EntryDocument[] = [];
    for (const entry of kb.entries) {
      if (entry.contextOnly) continue;
      // Tags add words to the entry's vocabulary; only questions are records a question is compared with whole,
      // so that a one-word tag cannot make a one-word overlap look like a perfect match.
      const terms = prepared.terms.get(entry.id);
      if (!terms) throw new Error(`No prepared search terms for ${entry.id}`);
      const questionTerms = terms.questions;
      const allTerms = [...questionTerms, ...terms.tags].flat();
      for (const { word, stem } of allTerms) {
        this.spellings.set(word, stem);
        this.spellings.set(stem, stem);
      }
      const entryWords = new Set<string>(allTerms.map((term) => term.stem));
      const document: EntryDocument = { entry, entryWords, records: [] };
      for (const terms of questionTerms) {
        if (terms.length === 0) continue;
        const tokens = terms.map((term) => term.stem);
        const record: SearchRecord = { tokens, tokenWeights: [], weight: 0 };
        document.records.push(record);
        const form = tokens.join(' ');
        const owner = this.exact.get(form);
        this.exact.set(form, owner === undefined || owner === entry ? entry : null);
      }
      if (document.records.length === 0) continue;
      documents.push(document);
      this.documentOf.set(entry.id, document);
      for (const word of entryWords) {
        const list = this.documentsWith.get(word);
        if (list) list.push(document);
        else this.documentsWith.set(word, [document]);
      }
    }
    const entryCount = this.computeIdf(documents);
    for (const document of documents) {
      for (const record of document.records) {
        record.tokenWeights = record.tokens.map((token) => this.idf.get(token) ?? 0);
        record.weight = record.tokenWeights.reduce((sum, weight) => sum + weight, 0);
      }
    }
    this.unknownWordWeight = Math.log(1 + (entryCount + 1) / 0.5);
    this.rarestWeight = Math.log(1 + (entryCount + 1) / 1);
    this.spellingIndex = new SpellingIndex(this.spellings.keys());
    this.model = new IntentModel(prepared.model, kb.lexicon);
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
    const meanings = strongestMeanings(readings);
    // Vocabulary word → the readings (by position) it is a meaning of, with its similarity there.
    const readingsOf = new Map<string, [number, number][]>();
    readings.forEach((reading, at) => {
      for (const [word, similarity] of reading.meanings) readingsOf.set(word, [...(readingsOf.get(word) ?? []), [at, similarity]]);
    });
    const { modelWeight, modelCandidates, audienceBoost } = this.settings;
    // The model reads the question with the spelling corrections made ("groming" is "grooming" to it too).
    const corrected = terms.map((term, i) => {
      const best = [...readings[i].meanings].sort((a, b) => b[1] - a[1])[0];
      return best && best[0] !== term.stem ? { word: best[0], stem: best[0] } : term;
    });
    const scores = modelWeight > 0 ? this.model.scoreTerms(corrected) : undefined;
    const probabilityOf = (id: string) => scores?.probabilityOf(id) ?? 0;
    // One more than asked for: the out-of-scope class may be among them.
    const guesses = scores?.best(modelCandidates + 1) ?? [];
    // Candidates: the entries whose words explain most of the question (as typed or as corrected), and the model's first guesses.
    const overlap = new Map<EntryDocument, number>();
    for (const [word, similarity] of meanings) {
      const weight = (this.idf.get(word) ?? 0) * similarity;
      for (const document of this.documentsWith.get(word) ?? []) overlap.set(document, (overlap.get(document) ?? 0) + weight);
    }
    const documents = new Set(largest([...overlap], SCORED_ENTRIES, ([, weight]) => weight).map(([document]) => document));
    for (const guess of guesses.filter((g) => g.label !== OUT_OF_SCOPE).slice(0, modelCandidates)) {
      const document = this.documentOf.get(guess.label);
      if (document) documents.add(document);
    }
    const best = new Map<string, Candidate>();
    for (const document of documents) {
      const { entry } = document;
      const coverage = this.coverage(readings, meanings, readingsOf, document);
      const probability = probabilityOf(entry.id);
      const confidence = (coverage + modelWeight * probability) / (1 + modelWeight);
      best.set(entry.id, { entry, confidence: Math.min(1, confidence + (audience && entry.audiences.includes(audience) ? audienceBoost : 0)), coverage, probability });
    }

    const exact = this.exact.get(normalised) ?? undefined;
    const ranked = [...best.values()].sort((a, b) => b.confidence - a.confidence || a.entry.id.localeCompare(b.entry.id));
    if (exact) {
      // The question is, word for word once normalised, one of the base's: answer that entry, nothing else.
      return { outcome: 'answer', candidates: [{ entry: exact, confidence: 1 }, ...ranked.filter((c) => c.entry !== exact)], normalised };
    }
    if (probabilityOf(OUT_OF_SCOPE) >= this.settings.outOfScopeVeto) return { outcome: 'fallback', candidates: ranked.slice(0, this.settings.maxClarifyOptions), normalised };
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
      for (const item of this.spellingIndex.near(word, SPELLING_CANDIDATES)) {
        const similarity = 1 - distance(word, item) / Math.max(word.length, item.length);
        const stem = this.spellings.get(item);
        if (stem !== undefined && similarity >= MIN_SPELLING_SIMILARITY && similarity > (meanings.get(stem) ?? 0)) meanings.set(stem, similarity);
      }
    }
    const weights = [...meanings.keys()].map((word) => this.idf.get(word) ?? this.unknownWordWeight);
    return { weight: weights.length > 0 ? Math.max(...weights) : this.unknownWordWeight, meanings };
  }

  /**
   * How well the document's closest question covers the question: for each of its questions, the weighted harmonic
   * mean of how much of the user's question the entry explains (with the words of all its questions and tags: people
   * mix phrasings; the closest question's own words count a share, `RECORD_SHARE`) and how much of that question the
   * user asked for, words weighted by rarity. Explaining the question counts twice as much: people ask shorter or
   * differently padded questions than the curated ones, but every meaningful word they type should be accounted for.
   */
  private coverage(readings: WordReading[], meanings: ReadonlyMap<string, number>, readingsOf: ReadonlyMap<string, [number, number][]>, document: EntryDocument): number {
    // What the entry as a whole explains is the same for all its questions: computed once.
    let questionWeight = 0;
    let entryPart = 0;
    readings.forEach((reading) => {
      questionWeight += reading.weight;
      let inEntry = 0;
      for (const [word, similarity] of reading.meanings) if (similarity > inEntry && document.entryWords.has(word)) inEntry = similarity;
      entryPart += reading.weight * inEntry;
    });
    if (questionWeight === 0) return 0;
    const inRecord = new Float64Array(readings.length);
    let best = 0;
    // Plain loops and one look-up per word: this is the inner loop of a search (every question of every candidate).
    for (const record of document.records) {
      inRecord.fill(0);
      let recordCovered = 0;
      const { tokens, tokenWeights } = record;
      for (let i = 0; i < tokens.length; i++) {
        const meaning = meanings.get(tokens[i]);
        if (meaning === undefined) continue;
        for (const [at, similarity] of readingsOf.get(tokens[i]) ?? []) if (similarity > inRecord[at]) inRecord[at] = similarity;
        recordCovered += tokenWeights[i] * meaning;
      }
      let recordPart = 0;
      for (let at = 0; at < readings.length; at++) recordPart += readings[at].weight * inRecord[at];
      const question = (RECORD_SHARE * recordPart + (1 - RECORD_SHARE) * entryPart) / questionWeight;
      const covered = record.weight > 0 ? recordCovered / record.weight : 0;
      if (question > 0 && covered > 0) best = Math.max(best, (QUESTION_WEIGHT + 1) / (QUESTION_WEIGHT / question + 1 / covered));
    }
    return best;
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

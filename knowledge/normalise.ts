import stem from 'wink-porter2-stemmer';

/** Language data the search normalises with (from synonyms.yaml). */
export interface Lexicon {
  /** Variant phrase (already normalised) → canonical word. */
  synonyms: Map<string, string>;
  stopWords: Set<string>;
  /**
   * Word (after synonyms) → the words of the concept it is an instance of: a brand or everyday word keeps its own
   * meaning and adds the concept's, so "is Discord safe" also reads "messaging". Empty when none are set.
   */
  concepts?: Map<string, string[]>;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
/** Three or more of one letter: no English word has them, chat does ("hiii", "byeee", "sooo"). */
const STRETCHED = /(\p{L})\1{2,}/gu;

/** Lower case, accents stripped, apostrophes dropped ("don't" → "dont"), everything else that is not a letter or digit a space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(STRETCHED, '$1')
    .replace(NOT_WORD, ' ')
    .trim();
}

export function splitWords(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
}

/**
 * Builds the synonym table: each variant (folded, possibly several words) maps to its canonical word.
 * The canonical word maps to itself so that multi-word canonicals are joined consistently.
 */
export function buildSynonymTable(groups: Record<string, string[]>): Map<string, string> {
  const table = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(groups)) {
    const canonicalToken = splitWords(canonical).join('_');
    for (const phrase of [canonical, ...variants]) table.set(splitWords(phrase).join(' '), canonicalToken);
  }
  return table;
}

/** First word of a synonym phrase → the lengths (in words) of the phrases it starts, longest first. */
function phraseLengthsByFirstWord(synonyms: Map<string, string>): Map<string, number[]> {
  const lengths = new Map<string, Set<number>>();
  for (const phrase of synonyms.keys()) {
    const words = phrase.split(' ');
    lengths.set(words[0], (lengths.get(words[0]) ?? new Set()).add(words.length));
  }
  return new Map([...lengths].map(([word, set]) => [word, [...set].sort((a, b) => b - a)]));
}

const phraseLengthCache = new WeakMap<Map<string, string>, Map<string, number[]>>();

/** Replaces every synonym phrase by its canonical token, longest phrase first, left to right. */
function applySynonyms(words: string[], synonyms: Map<string, string>): string[] {
  let byFirstWord = phraseLengthCache.get(synonyms);
  if (byFirstWord === undefined) {
    byFirstWord = phraseLengthsByFirstWord(synonyms);
    phraseLengthCache.set(synonyms, byFirstWord);
  }
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let replaced = false;
    // Only the phrase lengths that start with this word are tried: most words start none.
    for (const n of byFirstWord.get(words[i]) ?? []) {
      if (i + n > words.length) continue;
      const canonical = synonyms.get(n === 1 ? words[i] : words.slice(i, i + n).join(' '));
      if (canonical !== undefined) {
        out.push(canonical);
        i += n;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push(words[i++]);
  }
  return out;
}

/** One word of a text in search form: the word as typed (folded, after synonyms) and its stem. */
export interface SearchTerm {
  word: string;
  stem: string;
}

/**
 * The search form of a text: folded, synonyms replaced by their canonical word, stop words dropped, stemmed.
 * Used identically for the knowledge base's questions and for what users type, so both meet in one form.
 */
export function searchTerms(text: string, lexicon: Lexicon): SearchTerm[] {
  return withConcepts(applySynonyms(splitWords(text), lexicon.synonyms), lexicon.concepts)
    .filter((word) => !lexicon.stopWords.has(word))
    .map((word) => ({ word, stem: word.includes('_') ? word : stemOf(word) }));
}

/** Each word, followed by the words of its concept when it has one (said once, however often its instances come up). */
function withConcepts(words: string[], concepts: Map<string, string[]> | undefined): string[] {
  if (!concepts || concepts.size === 0) return words;
  const out: string[] = [];
  const added = new Set<string>();
  for (const word of words) {
    out.push(word);
    for (const conceptWord of concepts.get(word) ?? []) {
      if (added.has(conceptWord) || words.includes(conceptWord)) continue;
      added.add(conceptWord);
      out.push(conceptWord);
    }
  }
  return out;
}

/** An instance of a concept in search form: one word, or a phrase the synonyms make one ("smart speaker" → smart_speaker). */
export function conceptInstance(instance: string, synonyms: Map<string, string>): string | undefined {
  const words = applySynonyms(splitWords(instance), synonyms);
  return words.length === 1 ? words[0] : undefined;
}

/**
 * Builds the concept table: each instance → the concept's words (folded, after synonyms, so that they meet the
 * entries' own words: "video games" → "game"). Instances that are not one word are left out (the loader reports them).
 */
export function buildConceptTable(groups: Record<string, string[]>, synonyms: Map<string, string>): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const [concept, instances] of Object.entries(groups)) {
    const conceptWords = applySynonyms(splitWords(concept), synonyms);
    for (const instance of instances) {
      const word = conceptInstance(instance, synonyms);
      if (word !== undefined) table.set(word, conceptWords);
    }
  }
  return table;
}

/** Stems already computed: the stemmer is the slowest step of normalising, and people reuse few words. */
const stems = new Map<string, string>();
/** The memo is emptied when it holds this many words, so hostile input cannot grow it without bound. */
const MAX_REMEMBERED_STEMS = 50_000;

export function stemOf(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= MAX_REMEMBERED_STEMS) stems.clear();
    stemmed = stem(word);
    stems.set(word, stemmed);
  }
  return stemmed;
}

export function searchTokens(text: string, lexicon: Lexicon): string[] {
  return searchTerms(text, lexicon).map((term) => term.stem);
}

export function searchForm(text: string, lexicon: Lexicon): string {
  return searchTokens(text, lexicon).join(' ');
}

import stem from 'wink-porter2-stemmer';

/** Language data the search normalises with (from synonyms.yaml). */
export interface Lexicon {
  /** Variant phrase (already normalised) → canonical word. */
  synonyms: Map<string, string>;
  stopWords: Set<string>;
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

function longestPhraseLength(synonyms: Map<string, string>): number {
  let longest = 1;
  for (const phrase of synonyms.keys()) longest = Math.max(longest, phrase.split(' ').length);
  return longest;
}

const phraseLengthCache = new WeakMap<Map<string, string>, number>();

/** Replaces every synonym phrase by its canonical token, longest phrase first, left to right. */
function applySynonyms(words: string[], synonyms: Map<string, string>): string[] {
  let maxLength = phraseLengthCache.get(synonyms);
  if (maxLength === undefined) {
    maxLength = longestPhraseLength(synonyms);
    phraseLengthCache.set(synonyms, maxLength);
  }
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let replaced = false;
    for (let n = Math.min(maxLength, words.length - i); n >= 1; n--) {
      const canonical = synonyms.get(words.slice(i, i + n).join(' '));
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
  return applySynonyms(splitWords(text), lexicon.synonyms)
    .filter((word) => !lexicon.stopWords.has(word))
    .map((word) => ({ word, stem: word.includes('_') ? word : stem(word) }));
}

export function searchTokens(text: string, lexicon: Lexicon): string[] {
  return searchTerms(text, lexicon).map((term) => term.stem);
}

export function searchForm(text: string, lexicon: Lexicon): string {
  return searchTokens(text, lexicon).join(' ');
}

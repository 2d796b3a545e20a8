import { foldText } from './normalise';

/** What a message can disclose; each gets a safety answer of its own. */
export const SAFETY_CATEGORIES = ['sexual-abuse', 'grooming', 'sextortion', 'images-shared', 'self-harm', 'physical-danger', 'abuse-at-home', 'bullying-distress'] as const;
export type SafetyCategory = (typeof SAFETY_CATEGORIES)[number];

export interface SafetySignal {
  category: SafetyCategory;
  weight: number;
  negatable: boolean;
  patterns: RegExp[];
}

/** The safety lexicon (knowledge/content/safety.yaml), compiled. */
export interface SafetyLexicon {
  /** Symbols that folding would drop but that carry meaning (a laughing emoji is "lol"), by the word that replaces them. */
  symbols: ReadonlyMap<string, string>;
  spellings: ReadonlyMap<string, string>;
  negations: ReadonlySet<string>;
  informational: { weight: number; patterns: RegExp[] };
  /** Questions about someone else or anyone, saying nothing of the writer ("what should a kid do if…"). */
  aboutOthers: { weight: number; patterns: RegExp[] };
  /** Wording of a joke or banter ("lol", "haha", "jk"): it changes no score (see {@link isHedged}). */
  joking: RegExp[];
  personal: { weight: number; patterns: RegExp[] };
  /**
   * Wording that owns a question as the writer's own ("asking for me", "its happening to me"): it raises a category
   * that already has a signal, and the message is no longer a question about a topic or someone else.
   */
  confessing: { weight: number; patterns: RegExp[] };
  signals: SafetySignal[];
}

/** A message that discloses danger, abuse or distress: the category with the highest score (at least 1). */
export interface SafetyFinding {
  category: SafetyCategory;
  score: number;
}

/** A category triggers at this score. */
const TRIGGER = 1;
/** How many words before a negatable signal may cancel it ("nobody has ever hurt me"). */
const NEGATION_WINDOW = 3;

/**
 * The text the lexicon's patterns see: its `symbols` replaced by words, folded like the search's, then texting
 * spellings replaced word by word.
 */
export function safetyForm(text: string, lexicon: Pick<SafetyLexicon, 'symbols' | 'spellings'>): string {
  let worded = text;
  for (const [symbol, word] of lexicon.symbols) worded = worded.replaceAll(symbol, ` ${word} `);
  const folded = foldText(worded);
  return folded ? folded.split(' ').map((word) => lexicon.spellings.get(word) ?? word).join(' ') : '';
}

function negatedBefore(text: string, index: number, negations: ReadonlySet<string>): boolean {
  const before = text.slice(0, index).trim().split(' ').slice(-NEGATION_WINDOW);
  return before.some((word) => negations.has(word));
}

const anyMatch = (patterns: readonly RegExp[], form: string) => patterns.some((pattern) => pattern.test(form));

/**
 * Is a message (in its {@link safetyForm}) worded as a question about a topic, or about someone else or anyone ("what
 * should a kid do if…")? The lexicon's `informational` and `aboutOthers` wording.
 */
export function asksAboutTopic(form: string, lexicon: SafetyLexicon): boolean {
  if (anyMatch(lexicon.confessing.patterns, form)) return false;
  return anyMatch(lexicon.informational.patterns, form) || anyMatch(lexicon.aboutOthers.patterns, form);
}

/**
 * Is a message (in its {@link safetyForm}) hedged: worded as a joke, or as a question about a topic or about someone
 * else? The lexicon is least sure of itself there ("my brother keeps hitting me with his lightsaber haha", "what
 * should i do if my friend ever tells me…"), so the classifier may overrule its finding more readily.
 */
export function isHedged(form: string, lexicon: SafetyLexicon, asksTopic = asksAboutTopic(form, lexicon)): boolean {
  return asksTopic || anyMatch(lexicon.joking, form);
}

/**
 * Pipeline step 2: does a message disclose danger, abuse or distress? Each signal of a category adds its weight
 * once (unless negated); wording about the writer or their child adds `personal`, wording of a question about a
 * topic adds (a negative) `informational`, and a question about someone else or anyone adds `aboutOthers` on top,
 * unless the writer owns the question as their own (`confessing`, which adds its weight instead: "can you report a
 * website with a naked pic of a kid? asking for me"). The best category at 1 or more wins.
 */
export function detectDisclosure(text: string, lexicon: SafetyLexicon): SafetyFinding | undefined {
  return disclosureIn(safetyForm(text, lexicon), lexicon);
}

/** {@link detectDisclosure} on a message already in its {@link safetyForm}. */
export function disclosureIn(form: string, lexicon: SafetyLexicon): SafetyFinding | undefined {
  if (!form) return undefined;
  const scores = new Map<SafetyCategory, number>();
  for (const signal of lexicon.signals) {
    const hit = signal.patterns.some((pattern) => {
      const match = pattern.exec(form);
      return match !== null && !(signal.negatable && negatedBefore(form, match.index, lexicon.negations));
    });
    if (hit) scores.set(signal.category, (scores.get(signal.category) ?? 0) + signal.weight);
  }
  if (scores.size === 0) return undefined;
  const personal = anyMatch(lexicon.personal.patterns, form) ? lexicon.personal.weight : 0;
  let adjust: number;
  if (anyMatch(lexicon.confessing.patterns, form)) adjust = personal + lexicon.confessing.weight;
  else {
    const aboutOthers = anyMatch(lexicon.aboutOthers.patterns, form);
    // A question about someone else is a question about a topic too: both weights apply.
    adjust = personal + (aboutOthers || anyMatch(lexicon.informational.patterns, form) ? lexicon.informational.weight : 0) + (aboutOthers ? lexicon.aboutOthers.weight : 0);
  }
  let best: SafetyFinding | undefined;
  for (const [category, score] of scores) {
    const total = score + adjust;
    if (total >= TRIGGER && (!best || total > best.score)) best = { category, score: total };
  }
  return best;
}

import { DEFAULT_TRAINING, LinearModel, trainLinear, type FeaturedExample, type IntentModelData, type TrainingSettings } from './intentModel';
import { stemOf } from './normalise';
import { asksAboutTopic, disclosureIn, isHedged, safetyForm, SAFETY_CATEGORIES, type SafetyCategory, type SafetyFinding, type SafetyLexicon } from './safety';
import type { KnowledgeBase } from './types';

/**
 * The safety classifier: the same linear model as the intent model (intentModel.ts), trained on the safety corpus
 * (safety-training/*.yaml) to tell a disclosure (one class per category), a possible concern (the check-in tier) and
 * an ordinary message apart. It generalises where the lexicon (safety.ts) is precise: the lexicon knows the phrases
 * it was written for, the classifier learns the wording of a few thousand messages in children's, teenagers',
 * parents' and teachers' voices.
 *
 * Its features keep what the search drops: pronouns and little words ("he", "me", "my", "not to tell") carry most
 * of the difference between "he asked me for pictures" and "what if someone asks for pictures".
 */

/** The class of possible concerns: they get the check-in. */
export const CONCERN = 'concern';
/** The class of ordinary messages. */
export const ORDINARY = '∅';

/** The features of a message: its words in the lexicon's form (folded, texting spellings replaced), stemmed, and each pair of neighbours. */
export function safetyFeatures(text: string, lexicon: Pick<SafetyLexicon, 'symbols' | 'spellings'>): string[] {
  return featuresOfForm(safetyForm(text, lexicon));
}

/** {@link safetyFeatures} of a message already in its {@link safetyForm}. */
function featuresOfForm(form: string): string[] {
  const stems = form
    .split(' ')
    .filter((word) => word.length > 0)
    .map((word) => stemOf(word));
  const features = new Set<string>();
  stems.forEach((stem, i) => {
    features.add(`w:${stem}`);
    if (i > 0) features.add(`b:${stems[i - 1]} ${stem}`);
  });
  return [...features];
}

/**
 * What the classifier learns from: the corpus's disclosures (by category), concerns and ordinary messages; and, as
 * ordinary messages too, every question and training phrasing of the knowledge base that the lexicon finds no
 * disclosure in (what people really ask the bot, by the thousand, on the same topics).
 */
export function safetyExamples(kb: KnowledgeBase): FeaturedExample[] {
  const { lexicon } = kb.safety;
  const { labelled, asked } = safetyTrainingInputs(kb);
  const examples = labelled.map(([text, label]) => ({ features: safetyFeatures(text, lexicon), label }));
  for (const text of asked) {
    const form = safetyForm(text, lexicon);
    if (!disclosureIn(form, lexicon)) examples.push({ features: featuresOfForm(form), label: ORDINARY });
  }
  return examples;
}

/** Everything the classifier's training reads, as plain data: what its cache is keyed by. */
export function safetyTrainingInputs(kb: KnowledgeBase): { labelled: [text: string, label: string][]; asked: string[]; lexicon: string[] } {
  const { lexicon, training } = kb.safety;
  return {
    labelled: [
      ...training.disclosures.map(({ text, category }): [string, string] => [text, category]),
      ...training.concerns.map((text): [string, string] => [text, CONCERN]),
      ...training.ordinary.map((text): [string, string] => [text, ORDINARY]),
    ],
    asked: [...kb.entries.filter((entry) => !entry.contextOnly).flatMap((entry) => entry.questions), ...[...kb.training.examples.values()].flat(), ...kb.training.outOfScope],
    lexicon: [
      ...[...lexicon.symbols, ...lexicon.spellings].map(([word, spelt]) => `${word}=${spelt}`),
      ...lexicon.negations,
      ...[lexicon.informational, lexicon.aboutOthers, lexicon.personal, lexicon.confessing].flatMap((group) => [String(group.weight), ...group.patterns.map((p) => p.source)]),
      ...lexicon.signals.flatMap((signal) => [`${signal.category} ${signal.weight} ${signal.negatable}`, ...signal.patterns.map((p) => p.source)]),
    ],
  };
}

/**
 * How the safety classifier is trained: as the intent model, but averaged over 3 example orders. With retired blind
 * sets 1 to 12 left out in turn, single orders (seeds) missed 17 to 25 of 4,889 disclosures and gave 41 to 53 false
 * alarms among 4,363 ordinary messages; the average of 3 orders missed 16 to 18 and gave 44 to 49, whatever the seed.
 * Safety decisions should not hang on the order a corpus was shuffled in.
 */
export const SAFETY_TRAINING: TrainingSettings = { ...DEFAULT_TRAINING, orders: 3 };

/** Trains the safety classifier of a base. Deterministic. */
export function trainSafetyModel(kb: KnowledgeBase, settings: TrainingSettings = SAFETY_TRAINING): IntentModelData {
  return trainLinear(safetyExamples(kb), settings);
}

/** What the classifier makes of a message. */
export interface SafetyReading {
  /** The most probable disclosure category, and its probability. */
  category: SafetyCategory;
  categoryProbability: number;
  /** The probability that it is a disclosure of any category. */
  disclosure: number;
  /** The probability that it is a possible concern. */
  concern: number;
  /** How many of the message's features (words and pairs of words) the classifier knows. */
  known: number;
  /** How many words the message has, in the lexicon's form. */
  words: number;
}

/** The trained classifier, over the plain arrays a cache or a worker hands over. */
export class SafetyModel extends LinearModel {
  constructor(
    data: IntentModelData,
    private readonly lexicon: Pick<SafetyLexicon, 'symbols' | 'spellings'>,
  ) {
    super(data);
  }

  /** Undefined when the message has no word the classifier knows. */
  read(text: string): SafetyReading | undefined {
    return this.readForm(safetyForm(text, this.lexicon));
  }

  /** {@link read} of a message already in its {@link safetyForm}. */
  readForm(form: string): SafetyReading | undefined {
    const features = featuresOfForm(form);
    const scores = this.scoreFeatures(features);
    if (!scores) return undefined;
    let category: SafetyCategory = SAFETY_CATEGORIES[0];
    let disclosure = 0;
    for (const c of SAFETY_CATEGORIES) {
      const p = scores.probabilityOf(c);
      disclosure += p;
      if (p > scores.probabilityOf(category)) category = c;
    }
    return { category, categoryProbability: scores.probabilityOf(category), disclosure, concern: scores.probabilityOf(CONCERN), known: scores.known, words: features.filter((feature) => feature.startsWith('w:')).length };
  }
}

/**
 * Where the classifier's probabilities decide. Chosen by leaving each retired blind set out of training in turn and
 * reading it with the classifier trained on the rest (safety-training/retired-blind-*.yaml: each was written by
 * helpers who never saw the corpus or the lexicon), recall first (`npm run safety:cross-check`).
 */
export interface SafetySettings {
  /**
   * A message the lexicon missed gets the full safety answer (of its most probable category) when a disclosure of
   * any category is at least this probable: "he said if i tell anyone he will hurt my family" is surely a disclosure,
   * even while its probability is shared between physical danger and grooming.
   */
  disclosureAt: number;
  /**
   * ...or, for one sentence of a longer message, at least this probable. A sentence has few words, and on few words
   * the classifier leans on the ones it has: "i'm 15 and only post football stuff" opens like many disclosures.
   * Stricter than a whole message: with retired blind sets 1 to 12 left out in turn, 0.5, 0.6, 0.7 and 0.8 missed 14,
   * 14, 16 and 19 of 4,889 disclosures and gave 47, 45, 44 and 43 false alarms among 4,363 ordinary messages.
   */
  sentenceDisclosureAt: number;
  /**
   * ...and only when the whole message is at least this probable a disclosure or a concern: "My son is a goalkeeper
   * and comes home covered in bruises every week" alarms on its own, not beside "Any tips for padding?". A lexicon
   * finding in a sentence needs no such support ("lol my mum threw a plate at my head again. anyway can u help with my
   * history homework"). With retired blind sets 1 to 12 left out in turn, 0.05 and 0.1 missed the same 14 of 4,889
   * disclosures as no such support and gave 45 false alarms among 4,363 ordinary messages instead of 54; 0.2 missed
   * one more.
   */
  sentenceNeedsWholeAt: number;
  /** ...and the check-in when a disclosure or a concern together are at least this probable. */
  checkInAt: number;
  /**
   * ...but a question about a topic or about someone else ("is it illegal to blackmail someone with photos") only
   * when they are at least this probable: it is answered anyway, and asking about a topic is no sign of danger. With
   * retired blind sets 1 to 13 left out in turn, 0.5, 0.6, 0.7 and 0.8 missed 21, 21, 21 and 22 of 5,333 disclosures
   * and gave 62, 60, 59 and 59 false alarms among 4,827 ordinary messages.
   */
  topicCheckInAt: number;
  /**
   * A lexicon finding is dropped when the classifier is at least this sure the message is ordinary ("in the book the
   * dad is violent"). With retired blind sets 1 to 12 left out in turn, 0.99, 0.995 and 0.999 missed the same 14 of
   * 4,889 disclosures and gave 44, 45 and 48 false alarms among 4,363 ordinary messages; at 0.99 the tuning set loses a
   * friend's bullying ("...she's really upset, what can i do to help her"): the classifier
   * learnt from the base's thousands of questions that "what can i do" and "upset" are ordinary.
   */
  findingOverruledAt: number;
  /**
   * ...or at least this sure, in a message worded as a joke or as a question about a topic or about someone else
   * ({@link isHedged}: "my little brother keeps hitting me with his lightsaber haha"), where the lexicon errs most.
   * With retired blind sets 1 to 12 left out in turn, 0.9 missed one disclosure more than 0.995 (of 4,889: "lol i made
   * a list of who gets my stuff. not for any reason…") and gave 45 false alarms among 4,363 ordinary messages instead
   * of 58.
   */
  hedgedFindingOverruledAt: number;
  /**
   * The classifier decides alone only about a message of at least this many words ("I am 15" says who someone is,
   * however many disclosures begin with it) ...
   */
  minWords: number;
  /** ... of which it knows this many features (words and pairs): on "lorem ipsum dolor sit amet" it has only its prior. */
  minKnownFeatures: number;
}

export const DEFAULT_SAFETY_SETTINGS: SafetySettings = { disclosureAt: 0.5, sentenceDisclosureAt: 0.6, sentenceNeedsWholeAt: 0.05, checkInAt: 0.5, topicCheckInAt: 0.7, findingOverruledAt: 0.995, hedgedFindingOverruledAt: 0.9, minWords: 4, minKnownFeatures: 4 };

/** What the safety layer makes of a message: a disclosure (the full safety answer) or a possible concern (the check-in). */
export type SafetyDetection = { tier: 'disclosure'; finding: SafetyFinding; by: 'lexicon' | 'classifier' } | { tier: 'check-in' };

/**
 * The safety layer: the lexicon (precise, hand-written) first, then the classifier for what it missed. Built once per
 * knowledge base, beside the search.
 */
export class SafetyDetector {
  private readonly model: SafetyModel;

  constructor(
    private readonly lexicon: SafetyLexicon,
    model: IntentModelData,
    private readonly settings: SafetySettings = DEFAULT_SAFETY_SETTINGS,
  ) {
    this.model = new SafetyModel(model, lexicon);
  }

  /**
   * What a message discloses, read whole and then sentence by sentence: "what are the four parts of the guidelines?
   * also theres a 20 yr old on snap who wants to pick me up after school" hides a disclosure behind a question, whose
   * wording and words would outweigh it. A sentence on its own can only add the full safety answer, never a check-in.
   */
  detect(text: string): SafetyDetection | undefined {
    const wholeForm = safetyForm(text, this.lexicon);
    const wholeReading = this.model.readForm(wholeForm);
    const whole = this.detectIn(wholeForm, wholeReading, this.settings.disclosureAt);
    if (whole?.tier === 'disclosure') return whole;
    const parts = sentencesOf(text);
    if (parts.length > 1) {
      const wholeSupports = !wholeReading || wholeReading.disclosure + wholeReading.concern >= this.settings.sentenceNeedsWholeAt;
      for (const part of parts) {
        // A sentence that is itself a question about the topic ("how should we respond if nudes are shared?") is
        // read only with the rest of its message ("I want a plan before anything happens").
        const form = safetyForm(part, this.lexicon);
        const found = asksAboutTopic(form, this.lexicon) ? undefined : this.detectIn(form, this.model.readForm(form), this.settings.sentenceDisclosureAt, false);
        if (found?.tier === 'disclosure' && (found.by === 'lexicon' || wholeSupports)) return found;
      }
    }
    return whole;
  }

  /**
   * The lexicon, then the classifier (its `reading` of the form), on one message (or sentence) in its safety form.
   * Whether it asks about a topic is read at most once, and only when a decision needs it (`asksTopic`: when the
   * caller already knows).
   */
  private detectIn(form: string, reading: SafetyReading | undefined, disclosureAt: number, asksTopic?: boolean): SafetyDetection | undefined {
    let topic = asksTopic;
    const asksAboutTopicOnce = () => (topic ??= asksAboutTopic(form, this.lexicon));
    const finding = disclosureIn(form, this.lexicon);
    if (finding) {
      const overruleAt = isHedged(form, this.lexicon, asksAboutTopicOnce()) ? this.settings.hedgedFindingOverruledAt : this.settings.findingOverruledAt;
      if (!reading || 1 - reading.disclosure - reading.concern < overruleAt) return { tier: 'disclosure', finding, by: 'lexicon' };
    }
    if (!reading || reading.known < this.settings.minKnownFeatures || reading.words < this.settings.minWords) return undefined;
    // A question about the topic or about anyone ("what to do if a scammer threatens…") is never taken for a
    // disclosure on the classifier's word alone: at most it gets the check-in, which also answers it.
    if (reading.disclosure >= disclosureAt && !asksAboutTopicOnce()) {
      return { tier: 'disclosure', finding: { category: reading.category, score: reading.categoryProbability }, by: 'classifier' };
    }
    if (reading.disclosure + reading.concern >= (asksAboutTopicOnce() ? this.settings.topicCheckInAt : this.settings.checkInAt)) return { tier: 'check-in' };
    return undefined;
  }
}

/** The sentences of a message: split after . ? ! and before "also", "anyway", "btw" (how people change the subject). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+|[,;]?\s+(?=(?:also|anyway|anyways|btw|oh and|and also|but also)\b)/i)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

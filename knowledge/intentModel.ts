import { largest } from './largest';
import { searchTerms, type Lexicon, type SearchTerm } from './normalise';

/**
 * A linear intent classifier learnt from the knowledge base's own phrasings: each entry is a class, and one more
 * class stands for "none of them" (the out-of-scope examples). Rasa's default pipeline is the model: sparse n-gram
 * features and a classifier trained from scratch on the bot's own examples. Here the classifier is a multinomial
 * logistic regression (softmax) trained by stochastic gradient descent with AdaGrad step sizes.
 *
 * The features are the question's stems after synonyms, and pairs of neighbouring stems ("launch date" is not
 * "launch" + "date"). Character n-grams (Rasa's other feature) were measured and left out: with the search's
 * spelling correction in front of the model they added nothing on the blind set and doubled the training time.
 * Plain numbers and typed arrays: no Bot Framework or search types.
 */

/** The label of the class that is not an entry: what the out-of-scope examples teach. */
export const OUT_OF_SCOPE = '∅';

/** How the model is trained: all in one place. */
export interface TrainingSettings {
  /** Passes over the examples. */
  epochs: number;
  /** AdaGrad's base step size. */
  learningRate: number;
  /** L2 penalty on the weights, applied lazily to the weights an example touches. */
  l2: number;
  /** Seed of the example order, so that one base always trains to one model. */
  seed: number;
  /**
   * How many example orders (seeds `seed`, `seed + 1`, …) to train on, averaging their weights. A few passes of
   * AdaGrad leave weights that depend on the order the examples came in; their average depends on it much less.
   */
  orders: number;
}

export const DEFAULT_TRAINING: TrainingSettings = { epochs: 3, learningRate: 1.5, l2: 1e-6, seed: 20200624, orders: 1 };

/** One labelled example: its text and the class it belongs to (an entry id, or {@link OUT_OF_SCOPE}). */
export interface LabelledText {
  text: string;
  label: string;
}

/** The features of a text (each counted once): its stems, and each pair of neighbouring stems. */
export function intentFeatures(text: string, lexicon: Lexicon): string[] {
  return featuresOf(searchTerms(text, lexicon));
}

/** The features of words already in search form (the search passes them with its spelling corrections made). */
export function featuresOf(terms: readonly SearchTerm[]): string[] {
  const features = new Set<string>();
  terms.forEach((term, i) => {
    features.add(`w:${term.stem}`);
    if (i > 0) features.add(`b:${terms[i - 1].stem} ${term.stem}`);
  });
  return [...features];
}

/**
 * A trained model, as plain arrays: what a cache or a worker thread can hand over. The weights are sparse (most
 * features say nothing about most entries): the weights of feature f are `values[rowStart[f] … rowStart[f + 1])`,
 * for the classes `classes[…]` at the same places.
 */
export interface IntentModelData {
  labels: string[];
  features: string[];
  rowStart: Int32Array;
  classes: Int32Array;
  values: Float32Array;
  bias: Float32Array;
}

/** One class with its probability. */
export interface IntentScore {
  label: string;
  probability: number;
}

/** One example as the trainer sees it: its features (each once) and its class. */
export interface FeaturedExample {
  features: readonly string[];
  label: string;
}

/**
 * A linear softmax classifier over string features: the core of the intent model and of the safety classifier
 * (knowledge/safetyModel.ts), which differ only in how a text becomes features.
 */
export class LinearModel {
  private readonly featureIndex: Map<string, number>;
  private readonly labelIndex: Map<string, number>;

  constructor(protected readonly data: IntentModelData) {
    this.featureIndex = new Map(data.features.map((feature, i) => [feature, i]));
    this.labelIndex = new Map(data.labels.map((label, i) => [label, i]));
  }

  get labels(): readonly string[] {
    return this.data.labels;
  }

  /** The plain arrays of the model (for a cache or another thread). */
  toData(): IntentModelData {
    return this.data;
  }

  /**
   * The probabilities of every class for these features, undefined when none of them is a feature the model knows.
   * Nothing is sorted or allocated per class until asked: with thousands of entries, building and sorting a list of
   * every class would cost more than the search that needs only the first few and a handful of lookups.
   */
  scoreFeatures(featureList: Iterable<string>): IntentScores | undefined {
    const features: number[] = [];
    for (const feature of featureList) {
      const i = this.featureIndex.get(feature);
      if (i !== undefined) features.push(i);
    }
    if (features.length === 0) return undefined;
    const { rowStart, classes, values, bias, labels } = this.data;
    const scores = Float32Array.from(bias);
    const value = 1 / Math.sqrt(features.length);
    for (const f of features) for (let k = rowStart[f]; k < rowStart[f + 1]; k++) scores[classes[k]] += value * values[k];
    const probabilities = softmax(scores);
    return {
      known: features.length,
      probabilityOf: (label) => {
        const i = this.labelIndex.get(label);
        return i === undefined ? 0 : probabilities[i];
      },
      best: (limit) => largest(Array.from(probabilities.keys()), limit, (i) => probabilities[i]).map((i) => ({ label: labels[i], probability: probabilities[i] })),
    };
  }
}

/** The intent model: a {@link LinearModel} over a question's stems and stem pairs, in the search's form. */
export class IntentModel extends LinearModel {
  constructor(
    data: IntentModelData,
    private readonly lexicon: Lexicon,
  ) {
    super(data);
  }

  /** Trains a model on labelled texts. Deterministic: the same examples and settings give the same weights. */
  static train(examples: readonly LabelledText[], lexicon: Lexicon, settings: TrainingSettings = DEFAULT_TRAINING): IntentModel {
    return new IntentModel(trainLinear(examples.map(({ text, label }) => ({ features: intentFeatures(text, lexicon), label })), settings), lexicon);
  }

  /** Every class's probability for a text, best first; empty when the text has no feature the model knows. */
  classify(text: string): IntentScore[] {
    return this.classifyTerms(searchTerms(text, this.lexicon));
  }

  /** The same for words already in search form. */
  classifyTerms(terms: readonly SearchTerm[]): IntentScore[] {
    return this.scoreTerms(terms)?.best(Infinity) ?? [];
  }

  /** The probabilities of every class for words in search form, undefined when none is a feature the model knows. */
  scoreTerms(terms: readonly SearchTerm[]): IntentScores | undefined {
    return this.scoreFeatures(featuresOf(terms));
  }
}

/** The probabilities the model gives one text. */
export interface IntentScores {
  /** How many of the text's features the model knows. */
  known: number;
  /** The `limit` most probable classes, best first (ties in class order). */
  best(limit: number): IntentScore[];
  /** One class's probability (0 for a label the model does not know). */
  probabilityOf(label: string): number;
}

/** Softmax in place (numerically stable). */
function softmax(values: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v);
  let total = 0;
  for (let c = 0; c < values.length; c++) {
    values[c] = Math.exp(values[c] - max);
    total += values[c];
  }
  for (let c = 0; c < values.length; c++) values[c] /= total;
  return values;
}

/** A small deterministic generator (mulberry32) for the example order. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A class is updated for an example only when it is the example's own or the model gives it at least this
 * probability. Ignoring the many classes an example barely touches keeps the weights sparse (a feature gets weights
 * for the entries it was seen with and those it was confused with), so a pass costs a fraction of a dense one.
 */
const UPDATE_PROBABILITY = 0.01;
/** At most this many other classes are updated for one example: those the model most confuses it with. */
const MAX_RIVALS = 4;

/** Trains a {@link LinearModel}'s weights. Deterministic: the same examples and settings give the same weights. */
export function trainLinear(examples: readonly FeaturedExample[], settings: TrainingSettings = DEFAULT_TRAINING): IntentModelData {
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const featureIndex = new Map<string, number>();
  const encoded = examples
    .map(({ features, label }) => {
      const indices = features.map((feature) => {
        let i = featureIndex.get(feature);
        if (i === undefined) featureIndex.set(feature, (i = featureIndex.size));
        return i;
      });
      return { indices, label: labelIndex.get(label) ?? 0 };
    })
    .filter((example) => example.indices.length > 0);

  const classCount = labels.length;
  const featureCount = featureIndex.size;
  // The first order's weights gather the others' (sparsely: only the weights each order has), then are averaged; a
  // single order is used as it is.
  const { weights, rows, bias } = trainOneOrder(encoded, featureCount, classCount, settings);
  for (let run = 1; run < settings.orders; run++) {
    const trained = trainOneOrder(encoded, featureCount, classCount, { ...settings, seed: settings.seed + run });
    for (let c = 0; c < classCount; c++) bias[c] += trained.bias[c];
    trained.rows.forEach((row, f) => {
      for (const c of row) {
        const w = f * classCount + c;
        if (weights[w] === 0 && !rows[f].includes(c)) rows[f].push(c);
        weights[w] += trained.weights[w];
      }
    });
  }
  if (settings.orders > 1) {
    for (let c = 0; c < classCount; c++) bias[c] /= settings.orders;
    rows.forEach((row, f) => {
      for (const c of row) weights[f * classCount + c] /= settings.orders;
    });
  }
  return compress(labels, [...featureIndex.keys()], weights, rows, bias);
}

/** One run of {@link trainLinear} over the examples in the order its seed gives. */
function trainOneOrder(
  encoded: readonly { indices: number[]; label: number }[],
  featureCount: number,
  classCount: number,
  settings: TrainingSettings,
): { weights: Float32Array; rows: number[][]; bias: Float32Array } {
  // While training, weights are looked up densely (feature × class) but scored sparsely: each feature keeps the list
  // of classes it has a weight for.
  const weights = new Float32Array(featureCount * classCount);
  const rows: number[][] = Array.from({ length: featureCount }, () => []);
  const bias = new Float32Array(classCount);
  // AdaGrad with one step size per feature (not per weight): a feature's step shrinks with the gradient it has
  // already carried, so rare features (a typo's n-grams, a brand name) learn fast and common ones settle, in a few
  // passes. One square root per feature and example keeps a pass cheap.
  const featureHistory = new Float32Array(featureCount).fill(1e-8);
  let biasHistory = 1e-8;
  const random = randomFrom(settings.seed);
  const order = encoded.map((_, i) => i);
  const probabilities = new Float32Array(classCount);
  const active = new Int32Array(classCount);
  const { learningRate, l2 } = settings;
  const shrink = 1 - l2;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const at of order) {
      const { indices, label } = encoded[at];
      const value = 1 / Math.sqrt(indices.length);
      probabilities.set(bias);
      for (const f of indices) {
        const row = rows[f];
        const base = f * classCount;
        for (let k = 0; k < row.length; k++) probabilities[row[k]] += value * weights[base + row[k]];
      }
      softmax(probabilities);
      // The example's own class, and the few others it is most confused with.
      let activeCount = 0;
      active[activeCount++] = label;
      for (let c = 0; c < classCount; c++) {
        if (c === label || probabilities[c] < UPDATE_PROBABILITY) continue;
        if (activeCount <= MAX_RIVALS) active[activeCount++] = c;
        else {
          let weakest = 1;
          for (let k = 2; k < activeCount; k++) if (probabilities[active[k]] < probabilities[active[weakest]]) weakest = k;
          if (probabilities[c] > probabilities[active[weakest]]) active[weakest] = c;
        }
      }
      let squared = 0;
      for (let k = 0; k < activeCount; k++) {
        const c = active[k];
        const gradient = probabilities[c] - (c === label ? 1 : 0);
        probabilities[c] = gradient;
        squared += gradient * gradient;
      }
      biasHistory += squared;
      const biasStep = learningRate / Math.sqrt(biasHistory);
      for (let k = 0; k < activeCount; k++) bias[active[k]] -= biasStep * probabilities[active[k]];
      for (const f of indices) {
        featureHistory[f] += squared * value * value;
        const step = (learningRate * value) / Math.sqrt(featureHistory[f]);
        const base = f * classCount;
        for (let k = 0; k < activeCount; k++) {
          const c = active[k];
          const w = base + c;
          if (weights[w] === 0) rows[f].push(c);
          weights[w] = shrink * weights[w] - step * probabilities[c];
        }
      }
    }
  }
  return { weights, rows, bias };
}

/** The dense training weights as the sparse arrays of {@link IntentModelData}. */
function compress(labels: string[], features: string[], weights: Float32Array, rows: number[][], bias: Float32Array): IntentModelData {
  const rowStart = new Int32Array(features.length + 1);
  rows.forEach((row, f) => (rowStart[f + 1] = rowStart[f] + row.length));
  const classes = new Int32Array(rowStart[features.length]);
  const values = new Float32Array(classes.length);
  rows.forEach((row, f) => {
    const sorted = [...row].sort((a, b) => a - b);
    sorted.forEach((c, k) => {
      classes[rowStart[f] + k] = c;
      values[rowStart[f] + k] = weights[f * labels.length + c];
    });
  });
  return { labels, features, rowStart, classes, values, bias };
}

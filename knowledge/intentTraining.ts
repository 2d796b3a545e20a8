import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_ROOT, pruneCacheFiles, writeCacheFile } from './cacheFiles';
import { DEFAULT_TRAINING, IntentModel, OUT_OF_SCOPE, type IntentModelData, type LabelledText, type TrainingSettings } from './intentModel';
import { SAFETY_TRAINING, safetyTrainingInputs, trainSafetyModel } from './safetyModel';
import type { KnowledgeBase } from './types';

/**
 * What the intent model learns from, and the cache of trained models (the intent model and the safety classifier).
 * Every entry users can reach is a class, taught by its curated questions and its training phrasings
 * (training/*.yaml); the out-of-scope phrasings teach the class of what the bot must refuse.
 */
export function trainingExamples(kb: KnowledgeBase): LabelledText[] {
  const examples: LabelledText[] = [];
  for (const entry of kb.entries) {
    if (entry.contextOnly) continue;
    for (const text of [...entry.questions, ...(kb.training.examples.get(entry.id) ?? [])]) examples.push({ text, label: entry.id });
  }
  for (const text of kb.training.outOfScope) examples.push({ text, label: OUT_OF_SCOPE });
  return examples;
}

/** Bump when the features or the training change: cached models of an older format are never read. */
const MODEL_FORMAT = 3;
/** The same for the safety classifier (safetyModel.ts). */
const SAFETY_MODEL_FORMAT = 1;
/** Trained models are kept here (git-ignored), one file per content hash. */
export const DEFAULT_MODEL_CACHE = path.join(CACHE_ROOT, 'models');
/** Older models of a kind beyond this many are deleted: a live-edited base leaves one per saved version. */
const KEPT_MODELS = 6;

/**
 * The intent model of a base: read from the cache when this content (every knowledge file, by `kb.version`) was
 * trained before with these settings, else trained and cached. Training takes under a second; reading, a few
 * milliseconds. A cache that cannot be read or written is only a slower start: the model is trained again.
 * `null`: no cache.
 */
export function trainedModelFor(kb: KnowledgeBase, settings: TrainingSettings = DEFAULT_TRAINING, cacheFolder: string | null = DEFAULT_MODEL_CACHE): IntentModelData {
  return cachedModel(cacheFolder, 'intent', { version: kb.version, settings, format: MODEL_FORMAT }, () => IntentModel.train(trainingExamples(kb), kb.lexicon, settings).toData());
}

/**
 * The safety classifier of a base, cached the same way, but by what it learns from (the safety corpus, the lexicon and
 * the questions and phrasings of the base), not by every file: editing an answer, the most common live edit, does not
 * train it again.
 */
export function trainedSafetyModelFor(kb: KnowledgeBase, settings: TrainingSettings = SAFETY_TRAINING, cacheFolder: string | null = DEFAULT_MODEL_CACHE): IntentModelData {
  const inputs = createHash('sha256').update(JSON.stringify(safetyTrainingInputs(kb))).digest('hex');
  return cachedModel(cacheFolder, 'safety', { inputs, settings, format: SAFETY_MODEL_FORMAT }, () => trainSafetyModel(kb, settings));
}

function cachedModel(cacheFolder: string | null, kind: string, identity: object, train: () => IntentModelData): IntentModelData {
  if (cacheFolder === null) return train();
  const key = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
  const file = path.join(cacheFolder, `${kind}-${key}.bin`);
  const cached = readModel(file);
  if (cached) return cached;
  const model = train();
  writeModel(file, cacheFolder, kind, model);
  return model;
}

/** File layout: header length (uint32, little-endian), the JSON header (labels, features, sizes), then the arrays in order. */
const ARRAYS = ['rowStart', 'classes', 'values', 'bias'] as const;

function writeModel(file: string, folder: string, kind: string, model: IntentModelData): void {
  try {
    const header = Buffer.from(JSON.stringify({ labels: model.labels, features: model.features, lengths: ARRAYS.map((name) => model[name].length) }), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    const arrays = ARRAYS.map((name) => Buffer.from(model[name].buffer, model[name].byteOffset, model[name].byteLength));
    writeCacheFile(file, Buffer.concat([length, header, ...arrays]));
    pruneCacheFiles(folder, (name) => name.startsWith(`${kind}-`), KEPT_MODELS);
  } catch {
    // Read-only or full disk: the model is still served from memory; the next start trains again.
  }
}

function readModel(file: string): IntentModelData | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    const headerLength = bytes.readUInt32LE(0);
    const { labels, features, lengths } = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as { labels: string[]; features: string[]; lengths: number[] };
    let at = 4 + headerLength;
    // Every array is 4 bytes an element; each is copied out so that it starts aligned.
    const next = <T>(make: (buffer: ArrayBuffer) => T, count: number): T => {
      const buffer = new ArrayBuffer(count * 4);
      new Uint8Array(buffer).set(bytes.subarray(at, (at += count * 4)));
      return make(buffer);
    };
    const model: IntentModelData = {
      labels,
      features,
      rowStart: next((b) => new Int32Array(b), lengths[0]),
      classes: next((b) => new Int32Array(b), lengths[1]),
      values: next((b) => new Float32Array(b), lengths[2]),
      bias: next((b) => new Float32Array(b), lengths[3]),
    };
    const consistent = at === bytes.length && model.rowStart.length === features.length + 1 && model.bias.length === labels.length && model.classes.length === model.values.length;
    return consistent ? model : undefined;
  } catch {
    return undefined;
  }
}

import type { TrainingSettings } from './intentModel';
import { SAFETY_TRAINING, SafetyDetector, trainSafetyModel, type SafetySettings } from './safetyModel';
import type { SafetyCategory } from './safety';
import type { KnowledgeBase } from './types';

/**
 * How the safety settings are chosen honestly: each independently written set of the corpus (a retired blind set) is
 * left out of training in turn and read by the classifier trained on all the rest, so every message is read by a
 * model that never saw it. A figure on messages the model was trained on says little; this one says what a fresh
 * blind set would, short of the lexicon (which was fixed against these sets when they were retired).
 */

/** One set of the corpus to leave out: its disclosures and its ordinary messages. */
export interface SafetyFold {
  name: string;
  disclosures: readonly { text: string; category: SafetyCategory }[];
  ordinary: readonly string[];
}

/** A message the layer got wrong, and in which fold. */
export interface CrossCheckFailure {
  fold: string;
  text: string;
  /** For a missed disclosure, its category; for a false alarm, what the layer gave: `check-in` or `<by> <category>`. */
  label: string;
}

/** The figures of one setting over every fold. */
export interface CrossCheckResult {
  settings: SafetySettings;
  disclosures: number;
  caught: number;
  ordinary: number;
  alarmed: number;
  missed: CrossCheckFailure[];
  alarms: CrossCheckFailure[];
}

/** The base with a fold's messages taken out of the classifier's training. */
export function withoutFold(kb: KnowledgeBase, fold: SafetyFold): KnowledgeBase {
  const held = new Set([...fold.disclosures.map((d) => d.text), ...fold.ordinary]);
  const { training } = kb.safety;
  return {
    ...kb,
    safety: {
      ...kb.safety,
      training: {
        disclosures: training.disclosures.filter((d) => !held.has(d.text)),
        concerns: training.concerns.filter((text) => !held.has(text)),
        ordinary: training.ordinary.filter((text) => !held.has(text)),
      },
    },
  };
}

/** Every setting read over every fold: one model trained per fold, shared by the settings. */
export function crossCheck(kb: KnowledgeBase, folds: readonly SafetyFold[], settingsList: readonly SafetySettings[], training: TrainingSettings = SAFETY_TRAINING): CrossCheckResult[] {
  const results: CrossCheckResult[] = settingsList.map((settings) => ({ settings, disclosures: 0, caught: 0, ordinary: 0, alarmed: 0, missed: [], alarms: [] }));
  for (const fold of folds) {
    const model = trainSafetyModel(withoutFold(kb, fold), training);
    for (const result of results) {
      const detector = new SafetyDetector(kb.safety.lexicon, model, result.settings);
      for (const { text, category } of fold.disclosures) {
        if (detector.detect(text)) result.caught++;
        else result.missed.push({ fold: fold.name, text, label: category });
      }
      for (const text of fold.ordinary) {
        const detection = detector.detect(text);
        if (!detection) continue;
        result.alarmed++;
        result.alarms.push({ fold: fold.name, text, label: detection.tier === 'check-in' ? 'check-in' : `${detection.by} ${detection.finding.category}` });
      }
      result.disclosures += fold.disclosures.length;
      result.ordinary += fold.ordinary.length;
    }
  }
  return results;
}

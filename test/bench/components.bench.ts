import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BotAsker } from '../../bot/ask';
import type { Config } from '../../bot/config';
import { personalDataFinderFor } from '../../dialogs/personalData';
import { readMatchTests } from '../../knowledge/matchEvaluation';
import { loadKnowledgeBase } from '../../knowledge/load';
import type { IntentModelData } from '../../knowledge/intentModel';
import { trainedModelFor, trainedSafetyModelFor } from '../../knowledge/intentTraining';
import { SafetyDetector } from '../../knowledge/safetyModel';
import { KnowledgeSearch, prepareSearch, prepareTerms, type PreparedSearch } from '../../knowledge/search';
import type { Entry, KnowledgeBase } from '../../knowledge/types';
import { KnowledgeStore } from '../../knowledge/store';
import { DEFAULT_DEBOUNCE_MS, KnowledgeWatcher } from '../../knowledge/watch';
import { BenchReport, ms, percentiles } from './report';

/**
 * The parts of a turn on their own, in this process: loading the base, training and reading the models, building
 * the index, one search (at the shipped base, and at ×10 and ×100 synthetic entries), the safety check, the
 * personal-data finder, a whole turn without HTTP, and a live edit.
 */
export async function componentBench(report: BenchReport, config: Config): Promise<{ matcherP99: number; matcherP99AtHundredfold: number }> {
  const { knowledgeFolder: folder, search: settings } = config;
  const tests = readMatchTests(path.join(folder, 'tests'), loadKnowledgeBase(folder));
  const questions = tests.flatMap((test) => test.cases.map((item) => item.text));

  report.section('Loading and training', 'Mean of several runs, after one run to warm up.');
  const time = (label: string, runs: number, work: () => unknown) => {
    work();
    const start = performance.now();
    for (let i = 0; i < runs; i++) work();
    report.row(label, ms((performance.now() - start) / runs));
  };
  time('load + validate the knowledge base', 10, () => loadKnowledgeBase(folder));
  const kb = loadKnowledgeBase(folder);
  time('train the intent model (no cache)', 2, () => trainedModelFor(kb, undefined, null));
  time('read the intent model from the cache', 20, () => trainedModelFor(kb));
  time('train the safety classifier (no cache)', 1, () => trainedSafetyModelFor(kb, undefined, null));
  time('read the safety classifier from the cache', 20, () => trainedSafetyModelFor(kb));
  const prepared = prepareSearch(kb);
  time('build the search index (model ready)', 20, () => new KnowledgeSearch(kb, settings, prepared));
  await liveEdit(report, folder, settings);

  report.section('Each part of a turn, alone', `p50 and p99 of one call, over the ${questions.length} questions of the match tests (after a pass to warm up).`);
  const search = new KnowledgeSearch(kb, settings, prepared);
  const matcher = percentilesOf(questions, (q) => search.search(q));
  report.row(`one search, the shipped base (${kb.entries.length} entries)`, `p50 ${ms(matcher.p50)}, p99 ${ms(matcher.p99)}`);
  let matcherP99AtHundredfold = Number.NaN;
  for (const copies of [10, 100]) {
    const big = syntheticBase(kb, prepared, copies);
    const bigSearch = new KnowledgeSearch(big.kb, settings, big.prepared);
    const figures = percentilesOf(questions, (q) => bigSearch.search(q));
    if (copies === 100) matcherP99AtHundredfold = figures.p99;
    report.row(`one search, ×${copies} synthetic (${big.kb.entries.length} entries)`, `p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}`);
  }
  const safety = new SafetyDetector(kb.safety.lexicon, trainedSafetyModelFor(kb));
  const safetyFigures = percentilesOf(questions, (q) => safety.detect(q));
  report.row('the safety check of one message', `p50 ${ms(safetyFigures.p50)}, p99 ${ms(safetyFigures.p99)}`);
  const finder = personalDataFinderFor(kb);
  const finderFigures = percentilesOf(questions, (q) => finder.find(q));
  report.row('the personal-data finder on one message', `p50 ${ms(finderFigures.p50)}, p99 ${ms(finderFigures.p99)}`);

  const store = new KnowledgeStore(folder, settings);
  store.reload();
  const asker = new BotAsker(config, store);
  const turns: number[] = [];
  for (const [i, question] of questions.entries()) {
    const start = performance.now();
    await asker.ask({ text: question });
    if (i >= 50) turns.push(performance.now() - start);
  }
  const turnFigures = percentiles(turns);
  report.row('a whole turn without HTTP (a fresh conversation each)', `p50 ${ms(turnFigures.p50)}, p99 ${ms(turnFigures.p99)}`);
  return { matcherP99: matcher.p99, matcherP99AtHundredfold };
}

/** Times `work` once per question, after a pass to warm up. */
function percentilesOf(questions: string[], work: (question: string) => unknown): { p50: number; p99: number } {
  questions.forEach(work);
  return percentiles(
    questions.map((question) => {
      const start = performance.now();
      work(question);
      return performance.now() - start;
    }),
  );
}

/**
 * The base copied `copies` times (each copy's questions made its own with one more word), and a model of the same
 * shape as the real one would have (each class's weights copied to its copies): what a search costs at that size.
 * Training a real model on 10,000 entries is not what is measured here; searching with one is.
 */
function syntheticBase(kb: KnowledgeBase, prepared: PreparedSearch, copies: number): { kb: KnowledgeBase; prepared: PreparedSearch } {
  const entries: Entry[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const entry of kb.entries) entries.push({ ...entry, id: `${entry.id}~${copy}`, questions: entry.questions.map((q) => `${q} variant${copy}`), followUps: [] });
  }
  const big: KnowledgeBase = { ...kb, entries, byId: new Map(entries.map((entry) => [entry.id, entry])) };
  return { kb: big, prepared: { terms: prepareTerms(big), model: copiedModel(prepared.model, copies) } };
}

function copiedModel(model: IntentModelData, copies: number): IntentModelData {
  const isEntry = (label: string) => label !== '∅';
  const labels = [...model.labels.filter((label) => !isEntry(label)), ...Array.from({ length: copies }, (_, copy) => model.labels.filter(isEntry).map((label) => `${label}~${copy}`)).flat()];
  const index = new Map(labels.map((label, i) => [label, i]));
  const rowStart = new Int32Array(model.features.length + 1);
  const classes: number[] = [];
  const values: number[] = [];
  for (let f = 0; f < model.features.length; f++) {
    for (let k = model.rowStart[f]; k < model.rowStart[f + 1]; k++) {
      const label = model.labels[model.classes[k]];
      for (let copy = 0; copy < (isEntry(label) ? copies : 1); copy++) {
        classes.push(index.get(isEntry(label) ? `${label}~${copy}` : label) ?? 0);
        values.push(model.values[k]);
      }
    }
    rowStart[f + 1] = classes.length;
  }
  const bias = Float32Array.from(labels, (label) => model.bias[model.labels.indexOf(label.split('~')[0])]);
  return { labels, features: model.features, rowStart, classes: Int32Array.from(classes), values: Float32Array.from(values), bias };
}

/** A live edit of a copy of the real base: from saving a file to the new base being served (debounce included). */
async function liveEdit(report: BenchReport, folder: string, settings: Config['search']): Promise<void> {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'cop-bench-kb-'));
  cpSync(folder, copy, { recursive: true });
  const store = new KnowledgeStore(copy, settings);
  store.reload();
  const file = path.join(copy, 'entries', 'event.yaml');
  const runs = 5;
  let total = 0;
  await new Promise<void>((resolve) => {
    let run = 0;
    let saved = 0;
    const save = () => {
      saved = performance.now();
      appendFileSync(file, `\n# bench edit ${run}\n`);
    };
    const watcher = new KnowledgeWatcher(store, {
      reloaded: () => {
        total += performance.now() - saved;
        if (++run < runs) save();
        else void watcher.close().then(resolve);
      },
      rejected: () => resolve(),
      failed: () => resolve(),
    });
    void watcher.ready().then(save);
  });
  // The loading thread the watcher started keeps the process alive until it is stopped.
  await store.close();
  rmSync(copy, { recursive: true, force: true });
  report.row(`a live edit: saved → served (debounce ${DEFAULT_DEBOUNCE_MS} ms included)`, ms(total / runs));
}

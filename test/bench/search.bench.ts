import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCommand, runCommand } from '../../bot/cli/command';
import { loadConfig, readConfig } from '../../bot/config';
import { BotAsker } from '../../bot/ask';
import { readMatchTests } from '../../knowledge/matchEvaluation';
import { loadKnowledgeBase } from '../../knowledge/load';
import type { IntentModelData } from '../../knowledge/intentModel';
import { trainedModelFor, trainedSafetyModelFor } from '../../knowledge/intentTraining';
import { SafetyDetector } from '../../knowledge/safetyModel';
import { KnowledgeSearch, prepareSearch, prepareTerms, type PreparedSearch } from '../../knowledge/search';
import type { Entry, KnowledgeBase } from '../../knowledge/types';
import { KnowledgeStore } from '../../knowledge/store';
import { DEFAULT_DEBOUNCE_MS, KnowledgeWatcher } from '../../knowledge/watch';
import { requestLoopBench } from './requestLoop.bench';

const USAGE = `Usage: npm run bench
  How long loading, training the models (the intent model and the safety classifier), indexing, searching (p50
  and p99, at the shipped base and at 10,000 synthetic entries), the safety check, a whole bot turn, the HTTP
  request loop and a live edit take, on the knowledge base (KB_DIR, default knowledge/content/). Prints figures;
  asserts nothing.
`;

async function main(argv: string[]): Promise<number> {
  const args = parseCommand('bench', USAGE, argv, {});
  if (typeof args === 'number') return args;
  // The bot's own configuration (.env, KB_DIR, thresholds), with the log quiet.
  const config = { ...loadConfig(), logLevel: 'silent' as const };
  const folder = config.knowledgeFolder;
  const tests = readMatchTests(path.join(folder, 'tests'), loadKnowledgeBase(folder));
  const questions = tests.flatMap((test) => test.cases.map((item) => item.text));

  const time = (label: string, runs: number, work: () => unknown) => {
    work();
    const start = performance.now();
    for (let i = 0; i < runs; i++) work();
    const each = (performance.now() - start) / runs;
    process.stdout.write(`${label.padEnd(44)} ${each.toFixed(3).padStart(9)} ms\n`);
  };

  time('load + validate the knowledge base', 20, () => loadKnowledgeBase(folder));
  const kb = loadKnowledgeBase(folder);
  time('train the model (no cache)', 3, () => trainedModelFor(kb, undefined, null));
  time('read the trained model from the cache', 20, () => trainedModelFor(kb));
  time('train the safety classifier (no cache)', 3, () => trainedSafetyModelFor(kb, undefined, null));
  time('read the safety classifier from the cache', 20, () => trainedSafetyModelFor(kb));
  const safety = new SafetyDetector(kb.safety.lexicon, trainedSafetyModelFor(kb));
  percentiles('the safety check of one message', questions, (q) => safety.detect(q));
  const prepared = prepareSearch(kb);
  time('build the search index (model ready)', 20, () => new KnowledgeSearch(kb, config.search, prepared));
  const search = new KnowledgeSearch(kb, config.search, prepared);
  percentiles(`one search, ${kb.entries.length} entries (${questions.length} questions)`, questions, (q) => search.search(q));
  const big = syntheticBase(kb, prepared, Math.ceil(10_000 / kb.entries.length));
  const bigSearch = new KnowledgeSearch(big.kb, config.search, big.prepared);
  percentiles(`one search, ${big.kb.entries.length} synthetic entries`, questions, (q) => bigSearch.search(q));

  const store = new KnowledgeStore(folder, config.search);
  store.reload();
  const asker = new BotAsker(config, store);
  const turns = 100;
  const start = performance.now();
  for (let i = 0; i < turns; i++) await asker.ask({ text: questions[i % questions.length] });
  process.stdout.write(`${'whole bot turn (fresh conversation)'.padEnd(44)} ${((performance.now() - start) / turns).toFixed(3).padStart(9)} ms\n`);

  await liveEdit(folder, config.search);
  await requestLoopBench(folder);
  return 0;
}

/** Times `work` once per question (after a warm-up pass) and prints the median and the 99th percentile. */
function percentiles(label: string, questions: string[], work: (question: string) => unknown): void {
  questions.forEach(work);
  const times = questions.map((question) => {
    const start = performance.now();
    work(question);
    return performance.now() - start;
  });
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))].toFixed(3);
  process.stdout.write(`${label.padEnd(44)} p50 ${at(0.5)} ms, p99 ${at(0.99)} ms\n`);
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
async function liveEdit(folder: string, settings: ReturnType<typeof readConfig>['search']): Promise<void> {
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
  process.stdout.write(`${`live edit: save → served (debounce ${DEFAULT_DEBOUNCE_MS} ms)`.padEnd(44)} ${(total / runs).toFixed(3).padStart(9)} ms\n`);
}

runCommand(() => main(process.argv.slice(2)));

import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCommand, runCommand } from '../../bot/cli/command';
import { loadConfig, readConfig } from '../../bot/config';
import { BotAsker } from '../../bot/ask';
import { readMatchTests } from '../../knowledge/matchEvaluation';
import { loadKnowledgeBase } from '../../knowledge/load';
import { KnowledgeSearch } from '../../knowledge/search';
import { KnowledgeStore } from '../../knowledge/store';
import { DEFAULT_DEBOUNCE_MS, KnowledgeWatcher } from '../../knowledge/watch';
import { requestLoopBench } from './requestLoop.bench';

const USAGE = `Usage: npm run bench
  How long loading, indexing, searching, a whole bot turn, the HTTP request loop and a live edit take, on the
  knowledge base (KB_DIR, default knowledge/content/). Prints figures; asserts nothing.
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
  time('build the search index', 20, () => new KnowledgeSearch(kb));
  const search = new KnowledgeSearch(kb);
  time(`search all ${questions.length} batch-test questions`, 2, () => questions.forEach((q) => search.search(q)));
  const batch = performance.now();
  for (const q of questions) search.search(q);
  process.stdout.write(`${'  → one search'.padEnd(44)} ${((performance.now() - batch) / questions.length).toFixed(3).padStart(9)} ms\n`);

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
  rmSync(copy, { recursive: true, force: true });
  process.stdout.write(`${`live edit: save → served (debounce ${DEFAULT_DEBOUNCE_MS} ms)`.padEnd(44)} ${(total / runs).toFixed(3).padStart(9)} ms\n`);
}

runCommand(() => main(process.argv.slice(2)));

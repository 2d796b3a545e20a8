import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readConfig } from '../../bot/config';
import { BotAsker } from '../../bot/cli/ask';
import { readBatchTests } from '../../knowledge/batchTest';
import { loadKnowledgeBase } from '../../knowledge/load';
import { KnowledgeSearch } from '../../knowledge/search';
import { KnowledgeStore } from '../../knowledge/store';

/** `npm run bench`: how long loading, indexing, searching and a whole bot turn take. Prints figures; asserts nothing. */
async function main(): Promise<void> {
  const folder = path.join(__dirname, '..', '..', 'knowledge');
  const tests = readBatchTests(path.join(folder, 'tests'), loadKnowledgeBase(folder));
  const questions = tests.flatMap((test) => [...test.inScope.map((item) => item.q), ...test.outOfScope]);

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

  const config = readConfig({ LOG_LEVEL: 'silent' });
  const store = new KnowledgeStore(folder, config.search);
  store.reload();
  const asker = new BotAsker(config, store);
  const turns = 100;
  const start = performance.now();
  for (let i = 0; i < turns; i++) await asker.ask({ text: questions[i % questions.length] });
  process.stdout.write(`${'whole bot turn (fresh conversation)'.padEnd(44)} ${((performance.now() - start) / turns).toFixed(3).padStart(9)} ms\n`);
}

void main();

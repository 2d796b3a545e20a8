import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCommand, runCommand, usageError } from '../../bot/cli/command';
import { loadConfig, PROJECT_ROOT } from '../../bot/config';
import { readMatchTests } from '../../knowledge/matchEvaluation';
import { loadKnowledgeBase } from '../../knowledge/load';
import { componentBench } from './components.bench';
import { httpBench } from './httpTurn.bench';
import { BenchReport, ms } from './report';
import { requestLoopBench } from './requestLoop.bench';

const USAGE = `Usage: npm run bench [-- --quick] [-- --out FILE]
  Measures, in one run, what users feel and what each part costs: the real bot's HTTP turn against a bare echo
  bot on the same stack (interleaved; turns/s, the ratio, p50 and p99 at 10 and 50 connections), cold start,
  memory after 100,000 turns from 10,000 users, the matcher at the shipped base and at ×10 and ×100 synthetic
  entries, the safety check and the personal-data finder alone, loading and training, live edits, and requests
  during heavy work. Prints each figure and writes them all, with the machine's details, to bench/RESULTS.md.
  Asserts nothing: a goal that is missed is said. About 5 minutes on 2 cores.
    --quick      shorter loads and 10,000 turns for memory (a minute or two; for trying the benchmark itself)
    --out FILE   write the results there instead
`;

/** The done criteria of the performance issue, checked (not asserted) on every run. */
const GOALS = { ratio: 0.5, p99At10Ms: 25, coldStartMs: 1500, rssMb: 200, matcherP99Ms: 2, matcherP99AtHundredfoldMs: 20 };

async function main(argv: string[]): Promise<number> {
  const args = parseCommand('bench', USAGE, argv, { quick: { type: 'boolean' }, out: { type: 'string' } });
  if (typeof args === 'number') return args;
  if (args.positionals.length > 0) return usageError('bench', USAGE, `unexpected argument "${args.positionals[0]}"`);
  const quick = args.values.quick === true;
  const out = path.resolve(String(args.values.out ?? path.join(PROJECT_ROOT, 'bench', 'RESULTS.md')));
  const startedAt = new Date();
  const started = performance.now();
  // The bot's own configuration (.env, KB_DIR, thresholds), with the log quiet.
  const config = { ...loadConfig(), logLevel: 'silent' as const };
  const kb = loadKnowledgeBase(config.knowledgeFolder);
  const questions = readMatchTests(path.join(config.knowledgeFolder, 'tests'), kb).flatMap((test) => test.cases.map((item) => item.text));

  const report = new BenchReport();
  const http = await httpBench(report, { questions, seconds: quick ? 2 : 5, rounds: 3, users: 10_000, turnsForMemory: quick ? 10_000 : 100_000 });
  const parts = await componentBench(report, config);
  await requestLoopBench(report, config.knowledgeFolder);

  report.goal(`turns/s ≥ ${GOALS.ratio}× the echo bot's, 10 connections (goal 0.8×)`, `${http.ratioAt10.toFixed(2)}×`, http.ratioAt10 >= GOALS.ratio);
  report.goal(`p99 ≤ ${GOALS.p99At10Ms} ms at 10 connections`, ms(http.p99At10), http.p99At10 <= GOALS.p99At10Ms);
  report.goal(`cold start to a healthy /healthz ≤ ${GOALS.coldStartMs / 1000} s`, ms(http.coldStartMs), http.coldStartMs <= GOALS.coldStartMs);
  report.goal(`RSS ≤ ${GOALS.rssMb} MB after 100,000 turns from 10,000 users`, quick ? 'not measured (--quick)' : `${http.rssAfterMb.toFixed(0)} MB`, !quick && http.rssAfterMb <= GOALS.rssMb);
  report.goal(`matcher p99 ≤ ${GOALS.matcherP99Ms} ms at the shipped base`, ms(parts.matcherP99), parts.matcherP99 <= GOALS.matcherP99Ms);
  report.goal(`matcher p99 ≤ ${GOALS.matcherP99AtHundredfoldMs} ms at ×100 synthetic entries`, ms(parts.matcherP99AtHundredfold), parts.matcherP99AtHundredfold <= GOALS.matcherP99AtHundredfoldMs);
  report.write(out, startedAt, (performance.now() - started) / 1000);
  process.stdout.write(`\nWritten to ${path.relative(process.cwd(), out)}.\n`);
  return 0;
}

runCommand(() => main(process.argv.slice(2)));

import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readConfig } from '../../bot/config';
import { InsightsDatabase } from '../../bot/insights/database';
import { createLogger } from '../../bot/logger';
import { buildReport } from '../../bot/insights/report';
import { buildApp } from '../../bot/app';
import { type BenchReport, ms, percentiles } from './report';

const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** Polls /healthz back to back while `during` runs; the p99 and worst of its latency say how long requests stalled. */
async function healthDuring(url: string, during: () => Promise<unknown>): Promise<{ p99: number; worst: number; polls: number }> {
  const latencies: number[] = [];
  let done = false;
  const polling = (async () => {
    while (!done) {
      const start = performance.now();
      await (await fetch(`${url}/healthz`)).arrayBuffer();
      latencies.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  await during();
  done = true;
  await polling;
  return { p99: percentiles(latencies).p99, worst: Math.max(0, ...latencies), polls: latencies.length };
}

/**
 * How long requests wait while the bot reloads its knowledge base (a live edit) or builds the organisers' report
 * over 2,000 unanswered questions: /healthz polled throughout, on the real server. "Before" figures do the same
 * work on the request thread, as the bot did until reloads and reports moved to worker threads.
 */
export async function requestLoopBench(report: BenchReport, folder: string): Promise<void> {
  report.section('Requests during heavy work', '/healthz polled back to back on the real server while the work runs: p99 and worst wait.');
  const line = (label: string, r: { p99: number; worst: number; polls: number }) => report.row(label, `p99 ${ms(r.p99)}, worst ${ms(r.worst)} (${r.polls} polls)`);
  const copy = mkdtempSync(path.join(os.tmpdir(), 'cop-bench-loop-'));
  cpSync(folder, copy, { recursive: true });
  const database = new InsightsDatabase(':memory:');
  const topics = ['weather in paris', 'capital of peru', 'football scores tonight', 'best pizza recipe', 'train times to leeds', 'how to knit a scarf', 'stock prices today', 'moon landing year'];
  for (let i = 0; i < 2000; i++) {
    const question = `${topics[i % topics.length]} ${['please', 'now', 'today', 'quickly', ''][i % 5]} ${i % 97}`.trim();
    database.recordMiss({ at: new Date(), reason: 'fallback', question, normalised: question.toLowerCase(), audience: 'general', channel: 'webchat', candidates: [], entryId: null, userHash: `u${i % 300}` });
  }
  const config = readConfig({ KB_DIR: copy, LOG_LEVEL: 'silent', KB_WATCH: 'true', DATABASE_FILE: ':memory:', ADMIN_TOKEN });
  const { server, store, watcher } = await buildApp(config, createLogger('silent'), { insights: database });
  await watcher?.ready();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    line('/healthz, nothing else going on', await healthDuring(url, () => new Promise((resolve) => setTimeout(resolve, 1000))));
    line('/healthz during a reload on the request thread', await healthDuring(url, async () => store.reload()));
    line('/healthz during a live edit (worker thread)', await healthDuring(url, async () => {
      const before = store.snapshot()?.kb.version;
      appendFileSync(path.join(copy, 'entries', 'event.yaml'), '\n# bench edit\n');
      while (store.snapshot()?.kb.version === before) await new Promise((resolve) => setTimeout(resolve, 5));
    }));
    const kb = store.snapshot()!.kb;
    const since = new Date(0);
    line('/healthz during a 2,000-question report, inline', await healthDuring(url, async () => buildReport({ turns: [], votes: [], misses: database.missesSince(since) }, kb, since)));
    line('/healthz during GET /admin/report (2,000 q.)', await healthDuring(url, async () => {
      const response = await fetch(`${url}/admin/report?since=30d`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      if (response.status !== 200) throw new Error(`the report answered ${response.status}`);
      await response.arrayBuffer();
    }));
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(copy, { recursive: true, force: true });
  }
}

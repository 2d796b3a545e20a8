import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../../bot/config';
import { startCommand, type StartCommand } from '../../bot/startCommand';
import { type BenchReport, ms, percentiles } from './report';

/** One load run: what autocannon measured. */
export interface LoadFigures {
  turnsPerSecond: number;
  p50: number;
  p99: number;
  /** Requests that failed or answered other than 2xx: any makes the run's figures suspect. */
  failed: number;
}

/** A server started as a process of its own, as in production (so it never shares an event loop with the load). */
interface Running {
  url: string;
  pid: number;
  /** Milliseconds from spawning the process to its first 200 from /healthz. */
  healthyAfterMs: number;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Starts `node [nodeArgs] script` with `env`, and waits for /healthz to answer 200 (polled every 5 ms). */
async function startServer(nodeArgs: string[], script: string, env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // What it says on stderr is kept (the end of it) to explain a failed start; the log of its turns is not read.
  let said = '';
  child.stderr?.on('data', (chunk: Buffer) => (said = (said + chunk.toString('utf8')).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let healthyAfterMs = -1;
  while (healthyAfterMs < 0) {
    if (child.exitCode !== null) throw new Error(`${path.relative(PROJECT_ROOT, script)} exited (code ${child.exitCode}) before it was healthy:\n${said}`);
    const healthy = await fetch(`${url}/healthz`).then((response) => response.status === 200, () => false);
    if (healthy) healthyAfterMs = performance.now() - started;
    else await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return {
    url,
    pid: child.pid ?? -1,
    healthyAfterMs,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident memory of a process in MB (from `ps`, which Linux and macOS both have). */
function rssMb(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/**
 * A message activity as the Emulator sends it, with `expectReplies` so the replies come back in the HTTP answer
 * (no connector to call back). Each of `users` users has a conversation of their own.
 */
function messageActivity(text: string, turn: number, users: number): string {
  const user = turn % users;
  return JSON.stringify({
    type: 'message',
    id: `activity-${turn}`,
    text,
    channelId: 'emulator',
    deliveryMode: 'expectReplies',
    conversation: { id: `bench-conversation-${user}` },
    from: { id: `bench-user-${user}`, name: 'Bench' },
    recipient: { id: 'bot', name: 'Bot' },
  });
}

/**
 * Loads `url`'s /api/messages with `connections` clients for `seconds` (or for exactly `amount` turns), each
 * turn the next of `questions` from the next of `users` users.
 */
async function load(url: string, options: { connections: number; seconds?: number; amount?: number; questions: string[]; users: number }): Promise<LoadFigures> {
  let turn = 0;
  const result = await autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const text = options.questions[turn % options.questions.length];
          return { ...request, body: messageActivity(text, turn++, options.users) };
        },
      },
    ],
  });
  return { turnsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: result.errors + result.timeouts + result.non2xx };
}

/** How long the HTTP benchmark runs: rounds × 2 bots × 2 loads × `seconds`, then `turnsForMemory` turns. */
export interface HttpBenchOptions {
  questions: string[];
  seconds: number;
  rounds: number;
  users: number;
  turnsForMemory: number;
}

export interface HttpBenchFigures {
  /** The bot's turns/s over the echo bot's, with 10 connections (medians of the rounds). */
  ratioAt10: number;
  p99At10: number;
  coldStartMs: number;
  rssAfterMb: number;
}

/**
 * The echo bot runs under the same loader as the bot (its `--import` and `--require` flags) but without the bot's
 * other runtime flags: the heap tuning that bounds the bot's memory slows the echo bot's turns by about 15%, and
 * the floor the bot is measured against would be lowered by the bot's own choice.
 */
function echoStart(bot: StartCommand): StartCommand {
  const loader = bot.nodeArgs.flatMap((arg, index) => (arg === '--import' || arg === '--require' ? [arg, bot.nodeArgs[index + 1]] : []));
  return { nodeArgs: loader, script: 'test/bench/echoBot.ts' };
}

const median = (values: number[]) => percentiles(values).p50;
const range = (values: number[], digits = 0) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

/**
 * What users feel, through HTTP: the real bot (its own process, its default settings, a fresh database) against
 * a bare echo bot on the same stack, load runs interleaved so that a busy moment of the machine falls on both.
 */
export async function httpBench(report: BenchReport, options: HttpBenchOptions): Promise<HttpBenchFigures> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cop-bench-http-'));
  const botEnv = (name: string) => ({ DATABASE_FILE: path.join(scratch, `${name}.sqlite`) });
  // What `npm start` runs, without npm itself: the start that is measured.
  const bot = startCommand();
  // Every server started is stopped at the end, whatever fails: none outlives the bench.
  const servers: Running[] = [];
  const start = async ({ nodeArgs, script }: StartCommand, env: Record<string, string>) => {
    const server = await startServer(nodeArgs, script, env);
    servers.push(server);
    return server;
  };
  try {
    report.section('Cold start', `\`node ${[...bot.nodeArgs, bot.script].join(' ')}\` (what \`npm start\` runs, without npm), three times: from spawning the process to the first 200 from /healthz, and to the first answer.`);
    const healthy: number[] = [];
    const answered: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const cold = await start(bot, botEnv(`cold-${run}`));
      healthy.push(cold.healthyAfterMs);
      await postTurn(cold.url, options.questions[0]);
      answered.push(performance.now() - started);
      await cold.stop();
    }
    report.row('spawn → healthy /healthz', `${ms(median(healthy))} (median; ${range(healthy)} ms)`);
    report.row('spawn → first answer', `${ms(median(answered))} (median; ${range(answered)} ms)`);

    const echoServer = await start(echoStart(bot), {});
    const botServer = await start(bot, botEnv('load'));
    const run = (server: Running, connections: number, seconds: number) => load(server.url, { connections, seconds, questions: options.questions, users: options.users });
    let figures: HttpBenchFigures = { ratioAt10: Number.NaN, p99At10: Number.NaN, coldStartMs: median(healthy), rssAfterMb: Number.NaN };
    report.section(
      'HTTP turns: COP Guide Bot against a bare echo bot',
      `autocannon, \`POST /api/messages\` with \`expectReplies\`, a real question from one of ${options.users.toLocaleString('en')} users each turn; ${options.rounds} interleaved rounds of ${options.seconds} s per bot and load (medians, with the range of the rounds). The echo bot: restify + CloudAdapter and nothing else (test/bench/echoBot.ts), under the same loader, without the bot's heap flags.`,
    );
    const rssStart = rssMb(botServer.pid);
    await run(echoServer, 10, 2);
    await run(botServer, 10, 2);
    for (const connections of [10, 50]) {
      const rounds: { echo: LoadFigures; bot: LoadFigures }[] = [];
      for (let round = 0; round < options.rounds; round++) {
        // Each round starts with the other bot, so neither always runs on a machine just warmed by the other.
        const first = round % 2 === 0 ? await run(echoServer, connections, options.seconds) : await run(botServer, connections, options.seconds);
        const second = round % 2 === 0 ? await run(botServer, connections, options.seconds) : await run(echoServer, connections, options.seconds);
        rounds.push(round % 2 === 0 ? { echo: first, bot: second } : { echo: second, bot: first });
      }
      const of = (which: 'echo' | 'bot', key: keyof LoadFigures) => rounds.map((r) => r[which][key]);
      const ratio = median(of('bot', 'turnsPerSecond')) / median(of('echo', 'turnsPerSecond'));
      report.row(`${connections} connections: echo bot turns/s`, `${median(of('echo', 'turnsPerSecond')).toFixed(0)} (${range(of('echo', 'turnsPerSecond'))})`);
      report.row(`${connections} connections: COP Guide Bot turns/s`, `${median(of('bot', 'turnsPerSecond')).toFixed(0)} (${range(of('bot', 'turnsPerSecond'))})`);
      report.row(`${connections} connections: ratio`, `${ratio.toFixed(2)}×`);
      report.row(`${connections} connections: echo bot p50 / p99`, `${ms(median(of('echo', 'p50')))} / ${ms(median(of('echo', 'p99')))}`);
      report.row(`${connections} connections: COP Guide Bot p50 / p99`, `${ms(median(of('bot', 'p50')))} / ${ms(median(of('bot', 'p99')))} (p99 ${range(of('bot', 'p99'))} ms)`);
      const failed = rounds.reduce((sum, r) => sum + r.echo.failed + r.bot.failed, 0);
      if (failed > 0) report.row(`${connections} connections: failed requests (the figures are suspect)`, String(failed));
      if (connections === 10) figures = { ...figures, ratioAt10: ratio, p99At10: median(of('bot', 'p99')) };
    }

    report.section('Memory', `Resident memory (RSS) of the bot's process, before the load above and after ${options.turnsForMemory.toLocaleString('en')} more turns from ${options.users.toLocaleString('en')} users (50 connections).`);
    report.row('RSS after start', `${rssStart.toFixed(0)} MB`);
    const started = performance.now();
    const many = await load(botServer.url, { connections: 50, amount: options.turnsForMemory, questions: options.questions, users: options.users });
    const rssAfterMb = rssMb(botServer.pid);
    report.row(`RSS after ${options.turnsForMemory.toLocaleString('en')} turns`, `${rssAfterMb.toFixed(0)} MB (in ${((performance.now() - started) / 1000).toFixed(0)} s, ${many.failed} failed)`);
    figures = { ...figures, rssAfterMb };
    return figures;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One turn through HTTP; throws unless the bot answers it. */
async function postTurn(url: string, text: string): Promise<void> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: messageActivity(text, 0, 1) });
  const body = (await response.json()) as { activities?: { type: string }[] };
  if (response.status !== 200 || !body.activities?.some((activity) => activity.type === 'message')) throw new Error(`the bot did not answer (HTTP ${response.status})`);
}

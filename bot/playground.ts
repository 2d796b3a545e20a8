import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './config';
import { startCommand } from './startCommand';

/** The Microsoft 365 Agents Playground's command, installed with the project's dev dependencies. */
const PLAYGROUND_BIN = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'agentsplayground');
/** The playground's own default port. */
export const DEFAULT_PLAYGROUND_PORT = 56150;
/** How long the bot may take to load its knowledge base and listen. */
const START_TIMEOUT_MS = 60_000;
/** How long each process has to stop on SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

export interface PlaygroundOptions {
  /** The bot's port (0: any free one) and interface, as `PORT` and `HOST` give them to `npm start`. */
  botPort: number;
  botHost: string;
  /** The playground's port; if it is taken, another free one. */
  playgroundPort: number;
  /** Let the playground open the page in the default browser. */
  openBrowser: boolean;
  /** The environment both processes start with; the bot reads its configuration from it (and `.env`). */
  env: NodeJS.ProcessEnv;
  /** The bot's log (standard error) and the playground's output: shown (`inherit`) or collected for `output()`. */
  output: 'inherit' | 'collect';
}

export type PlaygroundProcess = 'bot' | 'playground';

export interface RunningPlayground {
  /** The bot's messaging endpoint the playground posts to. */
  endpoint: string;
  /** The page to open. */
  url: string;
  bot: ChildProcess;
  playground: ChildProcess;
  /** Settles when the first of the two exits. */
  firstExit: Promise<{ which: PlaygroundProcess; code: number | null; signal: NodeJS.Signals | null }>;
  /** What both wrote, when collected. */
  output(): string;
  /** Stops both (SIGTERM, then SIGKILL after 10 s) and removes the playground's working folder. */
  stop(): Promise<void>;
  /** The same without waiting, for a process about to exit: SIGTERM to both, folder removed. */
  stopNow(): void;
}

/** A free TCP port of this machine: `preferred` if it is free, otherwise one the system picks. */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, () => {
        const { port: taken } = server.address() as net.AddressInfo;
        server.close(() => resolve(taken));
      });
    });
  return (preferred !== 0 ? await tryPort(preferred) : undefined) ?? (await tryPort(0)) ?? Promise.reject(new Error('no free port'));
}

/**
 * The playground's mock Teams tenant (its `.m365agentsplayground.yml`, written as JSON, which YAML reads): the
 * bot under its own name, so an @mention reads "@COP Guide Bot", a personal chat, a group chat and a team.
 */
function playgroundTenant(): object {
  const person = (n: number, givenName: string, surname: string) => ({
    id: `29:playground-user-${n}`,
    name: `${givenName} ${surname}`,
    userPrincipleName: `${givenName.toLowerCase()}@example.com`,
    aadObjectId: `00000000-0000-0000-0000-0000000001${String(n).padStart(2, '0')}`,
    givenName,
    surname,
    email: `${givenName.toLowerCase()}@example.com`,
  });
  return {
    version: '0.1.1',
    tenantId: '00000000-0000-0000-0000-000000000001',
    bot: { id: '28:cop-guide-bot', name: 'COP Guide Bot' },
    currentUser: person(0, 'Alex', 'Teacher'),
    users: [person(1, 'Sam', 'Parent'), person(2, 'Kim', 'Organiser'), person(3, 'Lee', 'Officer'), person(4, 'Noor', 'Designer'), person(5, 'Jo', 'Counsellor')],
    personalChat: { id: 'playground-personal-chat' },
    groupChat: { id: 'playground-group-chat', name: 'Online safety group' },
    team: { id: 'playground-team', name: 'School staff', aadGroupId: '00000000-0000-0000-0000-000000000200', channels: [{ id: 'playground-channel-questions', name: 'Questions' }] },
  };
}

/** Settles with the process's exit. */
function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Signals a process started in its own process group, and everything it started. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops a process started in its own process group: SIGTERM, then SIGKILL if it is still there after 10 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
  await exitOf(child);
  clearTimeout(timer);
}

/** Waits until the bot answers its health check, or fails if it exits first or takes too long. */
async function waitForBot(healthz: string, bot: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited = false;
  void exitOf(bot).then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`The bot stopped before it was ready.\n${output()}`);
    if (Date.now() > deadline) throw new Error(`The bot was not ready after ${START_TIMEOUT_MS / 1000} s.\n${output()}`);
    const ready = await fetch(healthz).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits for the playground's "Listening on PORT" line; its port must be the one the bot was told to reply to. */
function waitForPlayground(playground: ChildProcess, expectedPort: number, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const port = /Listening on (\d+)/.exec(seen)?.[1];
      if (port === undefined) return;
      playground.stdout?.off('data', onData);
      if (Number(port) === expectedPort) resolve();
      else reject(new Error(`The playground took port ${port} rather than ${expectedPort}: try again, or choose a port with --port.`));
    };
    playground.stdout?.on('data', onData);
    void exitOf(playground).then(({ code }) => reject(new Error(`The playground stopped (exit code ${code}) before it was ready.\n${output()}`)));
  });
}

/**
 * Starts the bot as `npm start` does (bot/index.ts, with tsx) and the Microsoft 365 Agents Playground on the
 * Teams channel in front of it, each in its own process group. The playground gets a working folder of its own
 * (its log, its mock tenant) so nothing is written into the project; the bot replies to the playground's mock
 * connector at http://127.0.0.1:PORT/_connector, which needs no authentication.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const botPort = await freePort(options.botPort === 0 ? 0 : options.botPort);
  if (options.botPort !== 0 && botPort !== options.botPort) throw new Error(`Port ${options.botPort} is in use: stop what uses it, or set PORT.`);
  const playgroundPort = await freePort(options.playgroundPort);
  const loopback = ['0.0.0.0', '::', ''].includes(options.botHost) ? '127.0.0.1' : options.botHost.includes(':') ? `[${options.botHost}]` : options.botHost;
  const endpoint = `http://${loopback}:${botPort}/api/messages`;
  const url = `http://127.0.0.1:${playgroundPort}`;

  const workFolder = mkdtempSync(path.join(os.tmpdir(), 'cop-playground-'));
  const tenantFile = path.join(workFolder, '.m365agentsplayground.yml');
  writeFileSync(tenantFile, `${JSON.stringify(playgroundTenant(), null, 2)}\n`);

  let collected = '';
  const collect = (chunk: Buffer) => (collected += chunk.toString());
  const stdio = options.output === 'inherit' ? (['ignore', 'inherit', 'inherit'] as const) : (['ignore', 'pipe', 'pipe'] as const);

  // The playground sends no credentials, so the bot runs in local mode here whatever `.env` says.
  const start = startCommand();
  const bot = spawn(process.execPath, [...start.nodeArgs, path.join(PROJECT_ROOT, start.script)], {
    cwd: PROJECT_ROOT,
    env: { ...options.env, PORT: String(botPort), MicrosoftAppId: '', MicrosoftAppPassword: '' },
    stdio: [...stdio],
    detached: true,
  });
  bot.stdout?.on('data', collect);
  bot.stderr?.on('data', collect);

  const playground = spawn(PLAYGROUND_BIN, ['-e', endpoint, '-c', 'msteams', '--dt', '-p', String(playgroundPort), '--su', `${url}/_connector`], {
    cwd: workFolder,
    env: {
      ...options.env,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: tenantFile,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workFolder, 'playground.log'),
      ...(options.openBrowser ? {} : { TEAMSAPPTESTER_BROWSER: 'none' }),
    },
    stdio: ['ignore', 'pipe', options.output === 'inherit' ? 'inherit' : 'pipe'],
    detached: true,
  });
  playground.stdout?.on('data', options.output === 'inherit' ? (chunk: Buffer) => process.stdout.write(chunk.toString().replace(/^Listening on \d+\n/m, '')) : collect);
  playground.stderr?.on('data', collect);

  const firstExit = Promise.race([exitOf(bot).then((exit) => ({ which: 'bot' as const, ...exit })), exitOf(playground).then((exit) => ({ which: 'playground' as const, ...exit }))]);
  const stop = async () => {
    await Promise.all([stopGroup(bot), stopGroup(playground)]);
    rmSync(workFolder, { recursive: true, force: true });
  };
  const stopNow = () => {
    signalGroup(bot, 'SIGTERM');
    signalGroup(playground, 'SIGTERM');
    rmSync(workFolder, { recursive: true, force: true });
  };
  const output = () => collected;
  try {
    await Promise.all([waitForBot(`http://${loopback}:${botPort}/healthz`, bot, output), waitForPlayground(playground, playgroundPort, output)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, url, bot, playground, firstExit, output, stop, stopNow };
}

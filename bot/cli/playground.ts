import { loadConfig } from '../config';
import { DEFAULT_PLAYGROUND_PORT, startPlayground } from '../playground';
import { parseCommand, runCommand, usageError } from './command';

const USAGE = `Usage: npm run playground [-- --port N] [--no-open]

Starts the bot (PORT, default 3978) and the Microsoft 365 Agents Playground on the Teams channel in front of it.
  --port N    the playground's port (default ${DEFAULT_PLAYGROUND_PORT}; another free one if it is taken)
  --no-open   do not open the page in the browser
Ctrl-C stops both.
`;

async function main(): Promise<number> {
  const args = parseCommand('playground', USAGE, process.argv.slice(2), { port: { type: 'string', short: 'p' }, 'no-open': { type: 'boolean' } });
  if (typeof args === 'number') return args;
  const { values } = args;
  const playgroundPort = values.port === undefined ? DEFAULT_PLAYGROUND_PORT : Number(values.port);
  if (!Number.isInteger(playgroundPort) || playgroundPort < 1 || playgroundPort > 65535) return usageError('playground', USAGE, `--port must be a whole number from 1 to 65535, got "${String(values.port)}"`);
  // The same configuration as the bot (including .env): PORT and HOST say where it listens.
  const config = loadConfig();
  if (config.microsoftApp.appId) process.stdout.write('MicrosoftAppId is set, but the playground sends no credentials: the bot runs in local mode here.\n');

  const running = await startPlayground({ botPort: config.port, botHost: config.host, playgroundPort, openBrowser: !values['no-open'], env: process.env, output: 'inherit' });
  // Should this process end any other way, the two it started end with it.
  process.once('exit', running.stopNow);
  process.stdout.write(`COP Guide Bot: ${running.endpoint} (local mode, no authentication)\nMicrosoft 365 Agents Playground: ${running.url}\nCtrl-C stops both.\n`);

  let stopping = false;
  const stopBoth = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${reason}: stopping the bot and the playground.\n`);
    await running.stop();
  };
  const code = await new Promise<number>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopBoth(signal).then(() => resolve(0)));
    void running.firstExit.then(async ({ which, code: exitCode, signal }) => {
      if (stopping) return;
      await stopBoth(`The ${which} stopped (${signal ?? `exit code ${exitCode}`})`);
      resolve(1);
    });
  });
  process.off('exit', running.stopNow);
  return code;
}

runCommand(main);

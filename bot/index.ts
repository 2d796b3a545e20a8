// First: Node's own warnings become JSON log lines, including those printed while the modules below load.
import { logWarningsTo } from './processWarnings';
import type { AddressInfo } from 'node:net';
import { KnowledgeError } from '../knowledge/errors';
import { buildApp } from './app';
import { parseCommand, runCommand } from './cli/command';
import { ConfigError, loadConfig } from './config';
import { scheduleRetention } from './insights/database';
import { createLogger } from './logger';
import { StoreUnavailable } from './stores';
import { startTelemetry } from './telemetry';

const USAGE = `Usage: npm start
  Starts COP Guide Bot: the Web Chat page at http://localhost:3978/, the Bot Framework endpoint at /api/messages.
  Configured by environment variables or a .env file (see .env.example); with none, it runs on embedded defaults
  in local mode (no Azure account). Stops cleanly on Ctrl+C or SIGTERM.
`;

/** Who stops the server waits this long for requests under way, then exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/** The entry: builds the app (app.ts, the composition root), listens, and shuts down on a signal. */
async function main(argv: string[]): Promise<number | undefined> {
  const args = parseCommand('start', USAGE, argv, {});
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  logWarningsTo(logger);

  const telemetry = await startTelemetry(config);
  if (telemetry) logger.info({ collector: config.telemetry.otlpEndpoint, service: config.telemetry.serviceName }, 'telemetry on: traces go to the collector');
  const { server, store, stores } = await buildApp(config, logger);
  logger.info(stores.where, 'stores opened');
  scheduleRetention(
    stores.insights,
    config.retentionDays,
    (deleted) => logger.info({ deleted, retentionDays: config.retentionDays, where: stores.insights.where }, 'old organiser data deleted'),
    (error) => logger.error({ err: error }, 'could not apply the retention setting to the organiser data'),
  );
  const kb = store.snapshot()?.kb;
  logger.info({ entries: kb?.entries.length, version: kb?.version, folder: config.knowledgeFolder }, 'knowledge base loaded');

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  const auth = config.microsoftApp.appId ? 'Bot Framework authentication on' : 'local mode, no authentication';
  logger.info({ port, page: `http://localhost:${port}/`, messages: `http://localhost:${port}/api/messages` }, `COP Guide Bot listening (${auth})`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    forceExit.unref();
    server.close(() => void (telemetry?.shutdown() ?? Promise.resolve()).finally(() => process.exit(0)));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // Still running: the exit code comes with the signal.
  return undefined;
}

// A bad setting or an invalid knowledge base is said once, plainly (the logger may not exist yet).
runCommand(
  () => main(process.argv.slice(2)),
  (error) => (error instanceof ConfigError || error instanceof KnowledgeError || error instanceof StoreUnavailable ? `COP Guide Bot could not start.\n${error.message}` : undefined),
);

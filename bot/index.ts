// First: Node's own warnings become JSON log lines, including those printed while the modules below load.
import { logWarningsTo } from './processWarnings';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import dotenv from 'dotenv';
import { KnowledgeError, formatProblem } from '../knowledge/errors';
import { scheduleRetention } from './insightsDb';
import { buildApp } from './server';
import { ConfigError, PROJECT_ROOT, readConfig } from './config';
import { createLogger } from './logger';

/** The composition root: config → knowledge → storage → adapter → bot → server. Nothing else reads the environment. */
async function main(): Promise<void> {
  dotenv.config({ path: path.join(PROJECT_ROOT, '.env') });
  const config = readConfig(process.env);
  const logger = createLogger(config.logLevel);
  logWarningsTo(logger);

  let app: ReturnType<typeof buildApp>;
  try {
    app = buildApp(config, logger);
  } catch (error) {
    if (error instanceof KnowledgeError) for (const problem of error.problems) logger.fatal({ file: problem.file, line: problem.line }, formatProblem(problem));
    throw error;
  }
  const { server, store, insights } = app;
  scheduleRetention(
    insights,
    config.retentionDays,
    (deleted) => logger.info({ deleted, retentionDays: config.retentionDays, file: config.databaseFile }, 'old organiser data deleted'),
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
    const forceExit = setTimeout(() => process.exit(1), 10_000);
    forceExit.unref();
    server.close(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // The logger may not exist yet (a bad config): say it plainly on standard error.
  const message = error instanceof ConfigError || error instanceof KnowledgeError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`COP Guide Bot could not start.\n${message}\n`);
  process.exit(1);
});

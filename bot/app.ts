import type { Server } from 'restify';
import { formatProblem } from '../knowledge/errors';
import { KnowledgeStore } from '../knowledge/store';
import { KnowledgeWatcher } from '../knowledge/watch';
import { buildBot } from './bot';
import type { Config } from './config';
import type { Logger } from './logger';
import { createServer } from './server';
import { openStores, type GivenStores, type Stores } from './stores';

export interface App {
  server: Server;
  store: KnowledgeStore;
  stores: Stores;
  watcher?: KnowledgeWatcher;
}

/**
 * The composition root: builds the whole application from its config (knowledge store, the stores of state and
 * organisers' data, bot, HTTP server) and never listens: `index.ts` (or a test) chooses the port. With
 * `loadKnowledge: false` the store starts empty; otherwise an invalid base throws a KnowledgeError. Closing the
 * server closes what was built here (stores the caller passed in stay the caller's to close).
 */
export async function buildApp(config: Config, logger: Logger, options: { loadKnowledge?: boolean } & GivenStores = {}): Promise<App> {
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  if (options.loadKnowledge ?? true) store.reload();
  const stores = await openStores(config, logger, options);
  const { bot } = buildBot(config, store, logger, { storage: stores.state, insights: stores.insights });
  const server = createServer({
    microsoftApp: config.microsoftApp,
    bot,
    store,
    logger,
    chat: config.chat,
    webchat: config.webchat,
    directLine: config.directLine,
    admin: { token: config.adminToken, insights: stores.insights },
    limiters: stores.limiters,
    trustedProxies: config.trustedProxies,
    hashId: (id) => stores.insights.hashUser(id),
  });
  server.on('close', () => void stores.close().catch((error: unknown) => logger.error({ err: error }, 'could not close the stores')));
  if (!config.watchKnowledge) {
    server.on('close', () => void store.close());
    return { server, store, stores };
  }
  const watcher = watchKnowledge(store, logger);
  server.on('close', () => void watcher.close().then(() => store.close()));
  return { server, store, stores, watcher };
}

/** Live edits: every reload, and every refused edit with each problem's file and line, goes to the log. */
function watchKnowledge(store: KnowledgeStore, logger: Logger): KnowledgeWatcher {
  return new KnowledgeWatcher(store, {
    reloaded: (kb, changed) => logger.info({ version: kb.version, entries: kb.entries.length, changed }, 'knowledge base reloaded'),
    rejected: (problems, changed) => {
      for (const problem of problems) logger.error({ file: problem.file, line: problem.line, changed }, `edit refused, still serving the last good knowledge base: ${formatProblem(problem)}`);
    },
    failed: (error) => logger.error({ err: error }, 'could not reload the knowledge base'),
  });
}

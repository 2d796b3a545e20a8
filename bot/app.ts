import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import { formatProblem } from '../knowledge/errors';
import { KnowledgeStore } from '../knowledge/store';
import { KnowledgeWatcher } from '../knowledge/watch';
import { buildBot } from './bot';
import type { Config } from './config';
import { InsightsDatabase } from './insights/database';
import type { Logger } from './logger';
import { createServer } from './server';

export interface App {
  server: Server;
  store: KnowledgeStore;
  insights: InsightsDatabase;
  watcher?: KnowledgeWatcher;
}

/**
 * The composition root: builds the whole application from its config (knowledge store, the organisers'
 * database, state, bot, HTTP server) and never listens: `index.ts` (or a test) chooses the port. With
 * `loadKnowledge: false` the store starts empty; otherwise an invalid base throws a KnowledgeError. Closing the
 * server closes what was built here (a database the caller passed in stays the caller's to close).
 */
export function buildApp(config: Config, logger: Logger, options: { loadKnowledge?: boolean; storage?: Storage; insights?: InsightsDatabase } = {}): App {
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  if (options.loadKnowledge ?? true) store.reload();
  const insights = options.insights ?? new InsightsDatabase(config.databaseFile);
  const { bot } = buildBot(config, store, logger, { storage: options.storage, insights });
  const server = createServer({
    microsoftApp: config.microsoftApp,
    bot,
    store,
    logger,
    chat: config.chat,
    webchat: config.webchat,
    directLine: config.directLine,
    admin: { token: config.adminToken, insights },
    trustedProxies: config.trustedProxies,
    hashId: (id) => insights.hashUser(id),
  });
  if (!options.insights) server.on('close', () => insights.close());
  if (!config.watchKnowledge) {
    server.on('close', () => void store.close());
    return { server, store, insights };
  }
  const watcher = watchKnowledge(store, logger);
  server.on('close', () => void watcher.close().then(() => store.close()));
  return { server, store, insights, watcher };
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

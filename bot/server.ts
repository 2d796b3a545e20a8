import type { CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Storage } from 'botbuilder';
import { formatProblem } from '../knowledge/errors';
import { KnowledgeStore } from '../knowledge/store';
import { KnowledgeWatcher } from '../knowledge/watch';
import { InsightsDatabase } from './insightsDb';
import { addAdminReportRoute } from './report/adminRoute';
import { buildBot, createAdapter } from './app';
import { activityProblem } from './activityCheck';
import { addChatRoute } from './chatRoute';
import { addDirectLineTokenRoute } from './webchat/directLineToken';
import { addWebChatPage } from './webchat/page';
import type { CopGuideBot } from './bot';
import type { Config } from './config';
import type { Logger } from './logger';

export interface ServerDependencies {
  adapter: CloudAdapter;
  bot: CopGuideBot;
  store: KnowledgeStore;
  logger: Logger;
  chat: Config['chat'];
  webchat: Config['webchat'];
  directLine: Config['directLine'];
  /** The organisers' report at `GET /admin/report` (off without a token). */
  admin: { token: string; insights: InsightsDatabase };
}

/** Largest request body accepted: an activity is a few kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

/** Builds the HTTP server with its routes, without listening: the caller (index.ts or a test) chooses the port. */
export function createServer({ adapter, bot, store, logger, chat, webchat, directLine, admin }: ServerDependencies): Server {
  const server = restify.createServer({ name: 'cop-guide-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: problem });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  addChatRoute(server, { bot, logger, ...chat });
  addDirectLineTokenRoute(server, { ...directLine, logger, ...chat });
  addWebChatPage(server, { settings: webchat, directLineEndpoint: directLine.endpoint, allowedOrigins: chat.allowedOrigins });
  addAdminReportRoute(server, { ...admin, store });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const snapshot = store.snapshot();
    if (!snapshot) {
      res.send(503, { status: 'unavailable', reason: 'no knowledge base is loaded' });
      return;
    }
    const { kb } = snapshot;
    const pending = store.pendingError();
    res.send(200, {
      status: 'ok',
      knowledgeBase: { version: kb.version, entries: kb.entries.length, loadedAt: kb.loadedAt.toISOString() },
      // A refused edit: the base above is still served until the files are fixed.
      ...(pending ? { pendingError: { at: pending.at.toISOString(), problems: pending.problems.map(({ file, line, reason }) => ({ file, line, reason })) } } : {}),
    });
  });

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) logger.error({ err: error, path: req.path() }, 'request failed');
    else logger.debug({ path: req.path(), status, reason: error.message }, 'request refused');
    callback();
  });
  return server;
}

/**
 * Builds the whole application from its config without listening: knowledge store (loaded, or empty with
 * `loadKnowledge: false`), storage, adapter, bot and HTTP server. Throws a KnowledgeError if the base is invalid.
 */
export function buildApp(
  config: Config,
  logger: Logger,
  options: { loadKnowledge?: boolean; storage?: Storage; insights?: InsightsDatabase } = {},
): { server: Server; store: KnowledgeStore; insights: InsightsDatabase; watcher?: KnowledgeWatcher } {
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  if (options.loadKnowledge ?? true) store.reload();
  const insights = options.insights ?? new InsightsDatabase(config.databaseFile);
  const { bot } = buildBot(config, store, logger, { storage: options.storage, insights });
  const server = createServer({
    adapter: createAdapter(config, logger),
    bot,
    store,
    logger,
    chat: config.chat,
    webchat: config.webchat,
    directLine: config.directLine,
    admin: { token: config.adminToken, insights },
  });
  // A database the caller passed in is the caller's to close.
  if (!options.insights) server.on('close', () => insights.close());
  if (!config.watchKnowledge) return { server, store, insights };
  const watcher = watchKnowledge(store, logger);
  server.on('close', () => void watcher.close());
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

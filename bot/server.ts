import type { CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Storage } from 'botbuilder';
import { KnowledgeStore } from '../knowledge/store';
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
}

/** Largest request body accepted: an activity is a few kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

/** Builds the HTTP server with its routes, without listening: the caller (index.ts or a test) chooses the port. */
export function createServer({ adapter, bot, store, logger, chat, webchat, directLine }: ServerDependencies): Server {
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

  server.get('/healthz', async (_req: Request, res: Response) => {
    const snapshot = store.snapshot();
    if (!snapshot) {
      res.send(503, { status: 'unavailable', reason: 'no knowledge base is loaded' });
      return;
    }
    const { kb } = snapshot;
    res.send(200, { status: 'ok', knowledgeBase: { version: kb.version, entries: kb.entries.length, loadedAt: kb.loadedAt.toISOString() } });
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
export function buildApp(config: Config, logger: Logger, options: { loadKnowledge?: boolean; storage?: Storage } = {}): { server: Server; store: KnowledgeStore } {
  const store = new KnowledgeStore(config.knowledgeFolder, config.search);
  if (options.loadKnowledge ?? true) store.reload();
  const { bot } = buildBot(config, store, logger, { storage: options.storage });
  const server = createServer({ adapter: createAdapter(config, logger), bot, store, logger, chat: config.chat, webchat: config.webchat, directLine: config.directLine });
  return { server, store };
}

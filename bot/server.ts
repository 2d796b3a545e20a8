import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { KnowledgeStore } from '../knowledge/store';
import { addAdminReportRoute } from './insights/adminRoute';
import type { InsightsStore } from './insights/store';
import type { RequestLimiter } from './rateLimit';
import { activityProblem } from './activityCheck';
import { BotEndpoint, type HashId } from './botEndpoint';
import { addChatRoute } from './chatRoute';
import { handleErrors, RequestRefused } from './httpErrors';
import { jsonBody } from './jsonBody';
import { addDirectLineTokenRoute } from './webchat/directLineToken';
import { addWebChatPage } from './webchat/page';
import type { CopGuideBot } from './bot';
import type { Config } from './config';
import type { Logger } from './logger';

export interface ServerDependencies {
  microsoftApp: Config['microsoftApp'];
  bot: CopGuideBot;
  store: KnowledgeStore;
  logger: Logger;
  chat: Config['chat'];
  webchat: Config['webchat'];
  directLine: Config['directLine'];
  /** The organisers' report at `GET /admin/report` (off without a token). */
  admin: { token: string; insights: InsightsStore };
  /** Each limited route's counter of client requests (in memory, or shared in PostgreSQL). */
  limiters: { chat: RequestLimiter; directLineToken: RequestLimiter };
  /** Proxies of our own in front of the bot (`TRUST_PROXY`): who a request comes from, for rate limits. */
  trustedProxies: number;
  /** Hashes ids that may be personal before they reach a log line. */
  hashId: HashId;
}

/** Longest a client may take to send a whole request: slow senders do not hold connections open. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The HTTP server with its routes, built by the composition root (app.ts), without listening. */
export function createServer({ microsoftApp, bot, store, logger, chat, webchat, directLine, admin, limiters, trustedProxies, hashId }: ServerDependencies): Server {
  const server = restify.createServer({ name: 'cop-guide-bot', handleUncaughtExceptions: false });
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  handleErrors(server, logger);
  // No body parser for the whole server: each POST route reads JSON itself (jsonBody), nothing else is read.

  const { appId, appPassword, appType, tenantId } = microsoftApp;
  const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: appId, MicrosoftAppPassword: appPassword, MicrosoftAppType: appType, MicrosoftAppTenantId: tenantId });
  const endpoint = new BotEndpoint(auth, logger, hashId);
  server.post('/api/messages', jsonBody(), async (req: Request, res: Response) => {
    const problem = activityProblem(req.body, { localMode: !appId });
    if (problem) throw new RequestRefused(problem.status, problem.error);
    await endpoint.serve(req, res, req.body as Partial<Activity>, (context) => bot.run(context));
  });

  addChatRoute(server, { bot, logger, hashId, trustedProxies, limiter: limiters.chat, allowedOrigins: chat.allowedOrigins });
  addDirectLineTokenRoute(server, { ...directLine, logger, trustedProxies, limiter: limiters.directLineToken, allowedOrigins: chat.allowedOrigins });
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
  return server;
}

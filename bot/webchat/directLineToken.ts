import { randomUUID } from 'node:crypto';
import type { Next, Request, Response, Server } from 'restify';
import { RequestRefused } from '../httpErrors';
import { jsonBody } from '../jsonBody';
import type { Logger } from '../logger';
import { OriginGate } from '../origins';
import { limitRequests, type RequestLimiter } from '../rateLimit';

export interface DirectLineTokenOptions {
  /** The Direct Line secret of the Azure Bot resource: it never leaves the server. */
  secret: string;
  /** e.g. https://directline.botframework.com/v3/directline (or a regional one). */
  endpoint: string;
  logger: Logger;
  /** Counts each client's token requests; beyond the limit, 429. */
  limiter: RequestLimiter;
  allowedOrigins: readonly string[];
  /** Proxies of our own in front of the bot: who a request comes from, for the rate limit. */
  trustedProxies: number;
  /** The HTTP client (a stand-in in tests). */
  fetch?: typeof fetch;
}

/** What the page gets: enough to open a Direct Line conversation as this user, and nothing secret. */
export interface DirectLineToken {
  token: string;
  conversationId: string;
  userId: string;
  expiresIn: number;
  domain: string;
}

const BROWSER_ID = /^[A-Za-z0-9_.:-]{1,80}$/;
const UPSTREAM_TIMEOUT_MS = 10_000;

/**
 * Exchanges the secret for a token bound to one user id (Direct Line's "tokens/generate"), so the browser
 * can talk to the bot through Azure without ever seeing the secret. The user id is the browser's own
 * (kept in its localStorage), prefixed `dl_` as Direct Line's enhanced authentication expects.
 */
export async function exchangeSecret(options: Pick<DirectLineTokenOptions, 'secret' | 'endpoint' | 'fetch'>, browserId: string | undefined): Promise<DirectLineToken> {
  const userId = `dl_${browserId && BROWSER_ID.test(browserId) ? browserId : randomUUID()}`;
  const response = await (options.fetch ?? fetch)(`${options.endpoint}/tokens/generate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${options.secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { id: userId, name: 'User' } }),
    signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`Direct Line answered ${response.status} to the token request`);
  const body = (await response.json()) as { token?: unknown; conversationId?: unknown; expires_in?: unknown };
  if (typeof body.token !== 'string' || typeof body.conversationId !== 'string') throw new Error('Direct Line sent no token');
  return { token: body.token, conversationId: body.conversationId, userId, expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 1800, domain: options.endpoint };
}

/** `POST /api/directline/token`: only when a secret is configured (404 otherwise); rate-limited like the chat. */
export function addDirectLineTokenRoute(server: Server, options: DirectLineTokenOptions): void {
  const gate = new OriginGate(options.allowedOrigins);
  server.opts('/api/directline/token', async (req: Request, res: Response) => gate.preflight(req, res));
  const configured = (_req: Request, res: Response, next: Next) => {
    res.header('Cache-Control', 'no-store');
    next(options.secret ? undefined : new RequestRefused(404, 'Direct Line is not configured on this bot (DIRECT_LINE_SECRET is not set)'));
  };
  server.post('/api/directline/token', gate.admit, configured, limitRequests(options.limiter, options.trustedProxies), jsonBody(), async (req: Request, res: Response) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as { userId?: unknown };
    try {
      res.send(200, await exchangeSecret(options, typeof body.userId === 'string' ? body.userId : undefined));
    } catch (error) {
      options.logger.error({ err: error }, 'Direct Line token exchange failed');
      res.send(502, { error: 'could not get a Direct Line token; please try again later' });
    }
  });
}

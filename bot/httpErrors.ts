import { randomUUID } from 'node:crypto';
import type { Next, Request, Response, Server } from 'restify';
import type { Logger } from './logger';

/** What a caller is told for a status: short and generic, never an internal message. */
const PUBLIC_REASONS: Record<number, string> = {
  400: 'the request is not valid',
  401: 'not authenticated',
  403: 'not allowed',
  404: 'not found',
  405: 'method not allowed',
  406: 'not acceptable',
  413: 'the request is too large',
  415: 'unsupported media type',
  429: 'too many requests',
};

/** An HTTP error the caller may hear about: a status and a short public reason. */
export class RequestRefused extends Error {
  constructor(
    readonly statusCode: number,
    readonly publicReason: string,
  ) {
    super(publicReason);
    this.name = 'RequestRefused';
  }
}

const REQUEST_ID = Symbol('copGuide.requestId');

/** The id of this request, in the `X-Request-Id` header and in the log lines about it. */
export function requestIdOf(req: Request): string {
  return (req as Request & { [REQUEST_ID]?: string })[REQUEST_ID] ?? 'unknown';
}

/**
 * The server's one error handler. Every request gets an id of ours (a caller's own id header is ignored, so the
 * log says only what we chose). A route that throws, or restify refusing a route or method, ends here: the caller
 * gets `{error, requestId}` with a short generic reason (a `RequestRefused`'s own public reason for a 4xx), the
 * log gets one JSON line with the detail for a 5xx.
 */
export function handleErrors(server: Server, logger: Logger): void {
  server.pre((req: Request, res: Response, next: Next) => {
    const id = randomUUID();
    (req as Request & { [REQUEST_ID]?: string })[REQUEST_ID] = id;
    res.header('X-Request-Id', id);
    next();
  });

  server.on('restifyError', (req: Request, res: Response, error: Error & { statusCode?: unknown; publicReason?: unknown }, callback: () => void) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    const requestId = requestIdOf(req);
    if (status >= 500) logger.error({ err: error, requestId, method: req.method, route: req.getRoute()?.path }, 'request failed');
    else logger.debug({ requestId, method: req.method, route: req.getRoute()?.path, status }, 'request refused');
    if (!res.headersSent) {
      const reason = status < 500 ? (typeof error.publicReason === 'string' ? error.publicReason : (PUBLIC_REASONS[status] ?? 'the request was refused')) : 'something went wrong on our side';
      res.send(status, { error: reason, requestId });
    }
    callback();
  });
}

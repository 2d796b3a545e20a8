import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Next, Request, Response, Server } from 'restify';
import { errorFacts, type Logger } from './logger';

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
function requestIdOf(req: Request): string {
  return (req as Request & { [REQUEST_ID]?: string })[REQUEST_ID] ?? 'unknown';
}

/**
 * The server's one error handler. Every request gets an id of ours (a caller's own id header is ignored, so the
 * log says only what we chose). A route that throws, or restify refusing a route or method, ends here: the caller
 * gets `{error, requestId}` with a `RequestRefused`'s own public reason or a short generic one, and an unexpected
 * 5xx gets one JSON log line with the error's kind and stack.
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
    if (status >= 500 && !(error instanceof RequestRefused)) logger.error({ error: errorFacts(error), requestId, method: req.method, route: req.getRoute()?.path }, 'request failed');
    else logger.debug({ requestId, method: req.method, route: req.getRoute()?.path, status }, 'request refused');
    if (!res.headersSent) {
      // A RequestRefused says its own reason (a 503's too: "no knowledge base is loaded"); anything else only a generic one.
      const reason = typeof error.publicReason === 'string' ? error.publicReason : status < 500 ? (PUBLIC_REASONS[status] ?? 'the request was refused') : 'something went wrong on our side';
      res.send(status, { error: reason, requestId });
    }
    callback();
  });

  // What Node's HTTP parser refuses before any route runs (a header too large, a malformed request line, a bad
  // Content-Length): answered in the same form, then the connection is closed.
  server.server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable) return;
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const status = tooLarge ? 431 : timedOut ? 408 : 400;
    const body = JSON.stringify({ error: tooLarge ? 'the request headers are too large' : timedOut ? 'the request did not arrive in time' : 'the request is not valid HTTP', requestId: randomUUID() });
    const reason = tooLarge ? 'Request Header Fields Too Large' : timedOut ? 'Request Timeout' : 'Bad Request';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

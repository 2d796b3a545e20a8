import type { Next, Request, Response } from 'restify';
import { RequestRefused } from './httpErrors';
import { clientAddress, rateLimitKey } from './clientAddress';

const WINDOW_MS = 60_000;
/** Past this many clients, windows that have ended are swept, so memory stays bounded whoever calls. */
const SWEEP_ABOVE = 10_000;

/** A fixed window per client: at most `limit` requests a minute. Old windows are forgotten as clients come back. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait if the client is over its limit, else 0 (and the request is counted). */
  take(client: string): number {
    const now = this.now();
    if (this.windows.size > SWEEP_ABOVE) for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
    const window = this.windows.get(client);
    if (!window || now - window.start >= WINDOW_MS) {
      this.windows.set(client, { start: now, count: 1 });
      return 0;
    }
    if (window.count >= this.limit) return Math.ceil((window.start + WINDOW_MS - now) / 1000);
    window.count++;
    return 0;
  }
}

/**
 * Route middleware: at most `perMinute` requests a minute from one client (the real client behind
 * `trustedProxies` proxies of our own; an IPv6 client by its /64); beyond, 429 with Retry-After.
 */
export function limitRequests(perMinute: number, trustedProxies: number) {
  const limiter = new RateLimiter(perMinute);
  return function rateLimit(req: Request, res: Response, next: Next): void {
    const wait = limiter.take(rateLimitKey(clientAddress(req, trustedProxies)));
    if (wait === 0) return next();
    res.header('Retry-After', String(wait));
    next(new RequestRefused(429, `too many messages: try again in ${wait} s`));
  };
}

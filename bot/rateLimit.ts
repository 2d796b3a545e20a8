import type { Pool } from 'pg';
import type { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Request, Response } from 'restify';
import { RequestRefused } from './httpErrors';
import { inTransaction } from './postgresTransaction';
import { clientAddress, rateLimitKey } from './clientAddress';

const WINDOW_MS = 60_000;
/** Past this many clients, windows that have ended are swept, so memory stays bounded whoever calls. */
const SWEEP_ABOVE = 10_000;

/** Counts a client's requests: the seconds it must wait when over its limit, else 0 (and the request is counted). */
export interface RequestLimiter {
  take(client: string): number | Promise<number>;
}

/** A fixed window per client, in this process: at most `limit` requests a minute. Old windows are forgotten as clients come back. */
export class RateLimiter implements RequestLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

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

/** Where rate-limiter-flexible counts, in its own layout; and the lock under which it is made. */
const LIMITS_TABLE = 'rate_limits';
const LIMITS_LOCK = 0x636f706c;

/**
 * The same limit counted in PostgreSQL, so every instance behind a load balancer counts one client's requests
 * together (rate-limiter-flexible's atomic upsert). While the database cannot be reached, each instance counts on
 * its own in memory rather than refuse everyone.
 */
export class SharedRateLimiter implements RequestLimiter {
  private constructor(
    private readonly limiter: RateLimiterPostgres,
    private readonly Refusal: typeof RateLimiterRes,
  ) {}

  /** `name` keeps each route's counts apart (`chat`, `directline-token`). Loads the library only when used. */
  static async open(pool: Pool, name: string, perMinute: number): Promise<SharedRateLimiter> {
    const { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } = await import('rate-limiter-flexible');
    // Made here, under a lock: the library's own CREATE TABLE IF NOT EXISTS fails when two instances start at once.
    await inTransaction(
      pool,
      (client) => client.query(`CREATE TABLE IF NOT EXISTS ${LIMITS_TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`),
      LIMITS_LOCK,
    );
    const options = { points: perMinute, duration: WINDOW_MS / 1000, keyPrefix: name };
    const limiter = new RateLimiterPostgres({ ...options, storeClient: pool, storeType: 'pool', tableName: LIMITS_TABLE, tableCreated: true, insuranceLimiter: new RateLimiterMemory(options) });
    return new SharedRateLimiter(limiter, RateLimiterRes);
  }

  async take(client: string): Promise<number> {
    try {
      await this.limiter.consume(client);
      return 0;
    } catch (refusal) {
      // Over the limit: a RateLimiterRes. Anything else was already absorbed by the in-memory insurance.
      if (refusal instanceof this.Refusal) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw refusal;
    }
  }
}

/**
 * Route middleware: at most the limiter's requests a minute from one client (the real client behind
 * `trustedProxies` proxies of our own; an IPv6 client by its /64); beyond, 429 with Retry-After.
 */
export function limitRequests(limiter: RequestLimiter, trustedProxies: number) {
  // An async handler: restify goes on when it resolves, and sends the refusal it throws.
  return async function rateLimit(req: Request, res: Response): Promise<void> {
    const wait = await limiter.take(rateLimitKey(clientAddress(req, trustedProxies)));
    if (wait === 0) return;
    res.header('Retry-After', String(wait));
    throw new RequestRefused(429, `too many messages: try again in ${wait} s`);
  };
}

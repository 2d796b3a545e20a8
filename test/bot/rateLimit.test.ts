import pg from 'pg';
import { RateLimiter, SharedRateLimiter } from '../../bot/rateLimit';
import { startPostgres, type RunningPostgres } from '../helpers/services';

let server: RunningPostgres;
const pools: pg.Pool[] = [];
const pool = (url: string) => {
  const made = new pg.Pool({ connectionString: url, max: 2 });
  made.on('error', () => undefined);
  pools.push(made);
  return made;
};

beforeAll(async () => {
  server = await startPostgres();
}, 90_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  await server?.stop();
});

describe('RateLimiter: the limit of a single instance, in memory', () => {
  it('counts per client and forgets after a minute', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(60);
    now = 30_000;
    expect(limiter.take('a')).toBe(30);
    now = 60_000;
    expect(limiter.take('a')).toBe(0);
  });
});

describe('SharedRateLimiter: one limit for every instance, counted in PostgreSQL', () => {
  it('counts a client\'s requests on two instances together, each client apart, and says how long to wait', async () => {
    const url = await server.database();
    const [a, b] = await Promise.all([SharedRateLimiter.open(pool(url), 'chat', 3), SharedRateLimiter.open(pool(url), 'chat', 3)]);
    expect([await a.take('client-1'), await b.take('client-1'), await a.take('client-1')]).toEqual([0, 0, 0]);
    const wait = await b.take('client-1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await a.take('client-2')).toBe(0);
  });

  it('opens on a new database when several instances start at the same moment', async () => {
    // Two instances each open two limiters at start: four makers of the same table at once.
    const url = await server.database();
    const opened = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => SharedRateLimiter.open(pool(url), i % 2 ? 'chat' : 'directline-token', 3)));
    expect(opened.filter((result) => result.status === 'rejected')).toEqual([]);
  });

  it('keeps each route\'s counts apart', async () => {
    const url = await server.database();
    const chat = await SharedRateLimiter.open(pool(url), 'chat', 1);
    const token = await SharedRateLimiter.open(pool(url), 'directline-token', 1);
    expect([await chat.take('c'), await token.take('c')]).toEqual([0, 0]);
    expect(await chat.take('c')).toBeGreaterThan(0);
  });

  it('while the database cannot be reached, still limits in memory instead of failing the request', async () => {
    const url = await server.database();
    const lost = pool(url);
    const limiter = await SharedRateLimiter.open(lost, 'chat', 2);
    await lost.end();
    expect([await limiter.take('c'), await limiter.take('c')]).toEqual([0, 0]);
    expect(await limiter.take('c')).toBeGreaterThan(0);
  });
});

import Database from 'better-sqlite3';
import pg from 'pg';
import type { MissRecord, TurnRecord, VoteRecord } from '../../../dialogs/insights';
import { InsightsDatabase, MIGRATIONS, scheduleRetention } from '../../../bot/insights/database';
import { migratePostgres, PG_MIGRATIONS, PostgresInsights } from '../../../bot/insights/postgres';
import { buildReport } from '../../../bot/insights/report';
import { reportText } from '../../../bot/insights/reportPages';
import { loadKnowledgeBase } from '../../../knowledge/load';
import { REAL_KB } from '../../helpers/kbFolder';
import { startPostgres, type RunningPostgres } from '../../helpers/services';

const DAY = 24 * 60 * 60 * 1000;
let server: RunningPostgres;
const pools: pg.Pool[] = [];

/** A pool on a database of its own (closed after the file). */
async function freshPool(url?: string): Promise<{ pool: pg.Pool; url: string }> {
  const database = url ?? (await server.database());
  const pool = new pg.Pool({ connectionString: database, max: 4 });
  pools.push(pool);
  return { pool, url: database };
}

const noError = (error: unknown) => {
  throw error;
};

beforeAll(async () => {
  server = await startPostgres();
}, 90_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server?.stop();
});

/** The same scripted traffic: turns, votes and unanswered questions over three days. */
function scripted(now: number): { turns: TurnRecord[]; votes: VoteRecord[]; misses: MissRecord[] } {
  const turns: TurnRecord[] = [];
  const votes: VoteRecord[] = [];
  const misses: MissRecord[] = [];
  const kinds = ['answer', 'answer', 'clarify', 'fallback', 'safety'] as const;
  for (let i = 0; i < 60; i++) {
    const at = new Date(now - (i % 3) * DAY - i * 1000);
    const kind = kinds[i % kinds.length];
    turns.push({ at, channel: i % 2 ? 'webchat' : 'msteams', audience: i % 4 ? 'parents-educators' : 'children', kind, entryId: kind === 'answer' ? `entry.${i % 7}` : null, confidence: kind === 'answer' ? 0.5 + (i % 5) / 10 : null });
    if (i % 6 === 0) votes.push({ at, entryId: `entry.${i % 7}`, helpful: i % 12 === 0, audience: 'parents-educators', channel: 'webchat' });
    if (kind === 'fallback') {
      misses.push({ at, reason: 'fallback', question: `what is the weather in paris ${i}`, normalised: `weather paris ${i}`, audience: 'general', channel: 'webchat', candidates: [{ entryId: 'entry.1', confidence: 0.21 }], entryId: null, userHash: `u${i % 5}` });
    }
  }
  return { turns, votes, misses };
}

function recordAll(into: { recordTurn(t: TurnRecord): void; recordVote(v: VoteRecord): void; recordMiss(m: MissRecord): void }, data: ReturnType<typeof scripted>) {
  data.turns.forEach((turn) => into.recordTurn(turn));
  data.votes.forEach((vote) => into.recordVote(vote));
  data.misses.forEach((miss) => into.recordMiss(miss));
}

describe('PostgresInsights: the organisers\' data in a real PostgreSQL', () => {
  it('has the same schema as SQLite: as many versions, the same tables and columns', async () => {
    expect(PG_MIGRATIONS).toHaveLength(MIGRATIONS.length);
    const { pool } = await freshPool();
    await migratePostgres(pool);
    const sqlite = new Database(':memory:');
    for (const migration of MIGRATIONS) sqlite.exec(migration);
    for (const table of ['meta', 'turns', 'votes', 'misses']) {
      const sqliteColumns = (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
      const { rows } = await pool.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [table]);
      expect(rows.map((row) => row.column_name)).toEqual(sqliteColumns);
    }
    sqlite.close();
  });

  it('gives the same report as SQLite for the same traffic', async () => {
    const now = Date.now();
    const data = scripted(now);
    const { pool } = await freshPool();
    const postgres = await PostgresInsights.open(pool, 'test', noError);
    const sqlite = new InsightsDatabase(':memory:');
    recordAll(postgres, data);
    recordAll(sqlite, data);
    await postgres.flushed();
    const since = new Date(now - 7 * DAY);
    const fromPostgres = await postgres.readSince(since);
    expect(fromPostgres).toEqual(await sqlite.readSince(since));
    expect(fromPostgres.turns).toHaveLength(60);
    const kb = loadKnowledgeBase(REAL_KB);
    const until = new Date(now + 1000);
    expect(reportText(buildReport(fromPostgres, kb, since, until))).toEqual(reportText(buildReport(await sqlite.readSince(since), kb, since, until)));
    await sqlite.close();
  });

  it('shares one user-hash salt between instances opening the same database, and another database has its own', async () => {
    const first = await freshPool();
    const [a, b] = await Promise.all([PostgresInsights.open(first.pool, 'a', noError), PostgresInsights.open((await freshPool(first.url)).pool, 'b', noError)]);
    expect(a.hashUser('user-1')).toBe(b.hashUser('user-1'));
    expect(a.hashUser('user-1')).not.toBe(a.hashUser('user-2'));
    const other = await PostgresInsights.open((await freshPool()).pool, 'c', noError);
    expect(other.hashUser('user-1')).not.toBe(a.hashUser('user-1'));
    // Instances starting at once both migrated, one after the other: one schema, at the last version.
    expect(await a.version()).toBe(PG_MIGRATIONS.length);
  });

  it('refuses a database whose schema is newer than this bot knows', async () => {
    const { pool } = await freshPool();
    await migratePostgres(pool, [...PG_MIGRATIONS, 'CREATE TABLE later (id INTEGER)']);
    await expect(PostgresInsights.open(pool, 'test', noError)).rejects.toThrow(/newer than this bot knows/);
  });

  it('deletes what is older than the retention, in every table, with the same schedule as SQLite', async () => {
    const now = Date.now();
    const { pool } = await freshPool();
    const postgres = await PostgresInsights.open(pool, 'test', noError);
    const data = scripted(now - 29 * DAY);
    recordAll(postgres, data);
    await postgres.flushed();
    const purged = await new Promise<number>((resolve, reject) => clearInterval(scheduleRetention(postgres, 30, resolve, reject)));
    const left = await postgres.readSince(new Date(0));
    // Records of 29, 30 and 31 days ago: the two older days go.
    expect(left.turns.every((turn) => turn.at.getTime() >= now - 30 * DAY)).toBe(true);
    expect(left.turns).toHaveLength(20);
    const rows = (d: { turns: unknown[]; votes: unknown[]; misses: unknown[] }) => d.turns.length + d.votes.length + d.misses.length;
    expect(purged).toBe(rows(data) - rows(left));
    expect(left.votes.length + left.misses.length).toBeGreaterThan(0);
  });

  it('reports a write that failed to its error handler, never to the user, and flushed() still resolves', async () => {
    const { pool } = await freshPool();
    const failures: string[] = [];
    const postgres = await PostgresInsights.open(pool, 'test', (_error, what) => failures.push(what));
    await pool.query('DROP TABLE votes');
    expect(() => postgres.recordVote({ at: new Date(), entryId: 'e', helpful: true, audience: 'general', channel: 'webchat' })).not.toThrow();
    await expect(postgres.flushed()).resolves.toBeUndefined();
    expect(failures).toEqual(['a vote']);
    // Nothing under way any more: a turn has nothing to wait for.
    expect(postgres.flushed()).toBeUndefined();
  });
});

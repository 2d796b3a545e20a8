import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { hashUserId, type MissRecord, type TurnRecord, type VoteRecord } from '../../dialogs/insights';
import { inTransaction } from '../postgresTransaction';
import type { ReportData } from './report';
import { MISS_COLUMNS, missFromRow, missValues, TURN_COLUMNS, turnFromRow, turnValues, VOTE_COLUMNS, voteFromRow, voteValues, type MissRow, type TurnRow, type VoteRow } from './rows';
import type { InsightsStore } from './store';

/**
 * The schema in PostgreSQL: version for version the tables and columns of SQLite's `MIGRATIONS` (database.ts),
 * in PostgreSQL's types, so a report reads the same from either. `test/bot/insights/postgres.test.ts` checks that
 * both have as many versions and the same columns. Never edit a migration that has shipped: add the next one to both.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE turns (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, channel TEXT NOT NULL, audience TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('answer', 'clarify', 'fallback', 'safety')), entry_id TEXT, confidence DOUBLE PRECISION);
   CREATE INDEX turns_at ON turns (at);
   CREATE TABLE votes (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, entry_id TEXT NOT NULL, helpful INTEGER NOT NULL,
     audience TEXT NOT NULL, channel TEXT NOT NULL);
   CREATE INDEX votes_at ON votes (at);
   CREATE TABLE misses (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL,
     reason TEXT NOT NULL CHECK (reason IN ('fallback', 'none-of-these', 'thumbs-down')),
     question TEXT NOT NULL, normalised TEXT NOT NULL, audience TEXT NOT NULL, channel TEXT NOT NULL,
     candidates TEXT NOT NULL, entry_id TEXT, user_hash TEXT NOT NULL);
   CREATE INDEX misses_at ON misses (at);`,
];

/** Any number, the same in every instance: migrations run under this advisory lock, so two instances starting at once take turns. */
const MIGRATION_LOCK = 0x636f7067;

/** Where the schema version is kept (SQLite has `PRAGMA user_version`). */
const VERSION_TABLE = 'cop_guide_schema';

/**
 * The organisers' data in PostgreSQL (`DATABASE_URL`), shared by every instance of the bot: the same rows as the
 * SQLite file. Records are sent at once and the turn waits for them (`flushed`, 2 s at most) before it replies,
 * so a reply that was seen was recorded, whichever instance is stopped next. A write that fails is passed to `onError`
 * (logged), never thrown at the user. The user-hash salt is the install's, shared through the `meta` table.
 */
export class PostgresInsights implements InsightsStore {
  private readonly pending = new Set<Promise<void>>();

  private constructor(
    private readonly pool: Pool,
    private readonly salt: string,
    readonly where: string,
    private readonly onError: (error: unknown, what: string) => void,
  ) {}

  /** Migrates the database if needed (one instance at a time) and reads or makes the install's salt. */
  static async open(pool: Pool, where: string, onError: (error: unknown, what: string) => void): Promise<PostgresInsights> {
    await migratePostgres(pool);
    await pool.query("INSERT INTO meta (key, value) VALUES ('user-hash-salt', $1) ON CONFLICT (key) DO NOTHING", [randomBytes(32).toString('base64')]);
    const { rows } = await pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'user-hash-salt'");
    return new PostgresInsights(pool, rows[0].value, where, onError);
  }

  hashUser(userId: string): string {
    return hashUserId(this.salt, userId);
  }

  recordTurn(turn: TurnRecord): void {
    this.send('a turn', `INSERT INTO turns (${TURN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, turnValues(turn));
  }

  recordVote(vote: VoteRecord): void {
    this.send('a vote', `INSERT INTO votes (${VOTE_COLUMNS}) VALUES ($1, $2, $3, $4, $5)`, voteValues(vote));
  }

  recordMiss(miss: MissRecord): void {
    this.send('an unanswered question', `INSERT INTO misses (${MISS_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, missValues(miss));
  }

  /** One insert, under way until `flushed`; a failure goes to `onError`. */
  private send(what: string, sql: string, values: unknown[]): void {
    const write: Promise<void> = this.pool.query(sql, values).then(
      () => undefined,
      (error: unknown) => this.onError(error, what),
    );
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  flushed(): Promise<void> | undefined {
    return this.pending.size === 0 ? undefined : Promise.all(this.pending).then(() => undefined);
  }

  async readSince(since: Date): Promise<ReportData> {
    const at = [since.getTime()];
    const [turns, votes, misses] = await Promise.all([
      this.pool.query<TurnRow>(`SELECT ${TURN_COLUMNS} FROM turns WHERE at >= $1 ORDER BY at, id`, at),
      this.pool.query<VoteRow>(`SELECT ${VOTE_COLUMNS} FROM votes WHERE at >= $1 ORDER BY at, id`, at),
      this.pool.query<MissRow>(`SELECT ${MISS_COLUMNS} FROM misses WHERE at >= $1 ORDER BY at, id`, at),
    ]);
    return { turns: turns.rows.map(turnFromRow), votes: votes.rows.map(voteFromRow), misses: misses.rows.map(missFromRow) };
  }

  /** Deletes everything older than `cutoff` in one transaction. (PostgreSQL's VACUUM later reclaims the space.) */
  async purge(cutoff: Date): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      let deleted = 0;
      for (const table of ['turns', 'votes', 'misses']) deleted += (await client.query(`DELETE FROM ${table} WHERE at < $1`, [cutoff.getTime()])).rowCount ?? 0;
      return deleted;
    });
  }

  /** The schema version the database is at. */
  async version(): Promise<number> {
    return schemaVersion(this.pool);
  }

  /** Waits for the records under way; the pool is its owner's to end. */
  async close(): Promise<void> {
    await this.flushed();
  }
}

async function schemaVersion(db: Pick<Pool, 'query'>): Promise<number> {
  const { rows } = await db.query<{ version: number }>(`SELECT version FROM ${VERSION_TABLE}`);
  return rows[0]?.version ?? 0;
}

/** Runs the migrations the database has not had yet, in one transaction under the migration lock. */
export async function migratePostgres(pool: Pool, migrations: readonly string[] = PG_MIGRATIONS): Promise<void> {
  await inTransaction(
    pool,
    async (client) => {
      await client.query(`CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (version INTEGER NOT NULL)`);
      const current = await schemaVersion(client);
      if (current > migrations.length) throw new Error(`The database is at schema version ${current}, newer than this bot knows (${migrations.length}): upgrade the bot.`);
      for (let version = current; version < migrations.length; version++) await client.query(migrations[version]);
      await client.query(`DELETE FROM ${VERSION_TABLE}`);
      await client.query(`INSERT INTO ${VERSION_TABLE} (version) VALUES ($1)`, [migrations.length]);
    },
    MIGRATION_LOCK,
  );
}

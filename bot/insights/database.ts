import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { hashUserId, type MissRecord, type TurnRecord, type VoteRecord } from '../../dialogs/insights';
import type { ReportData } from './report';
import { MISS_COLUMNS, missFromRow, missValues, TURN_COLUMNS, turnFromRow, turnValues, VOTE_COLUMNS, voteFromRow, voteValues, type MissRow, type TurnRow, type VoteRow } from './rows';
import type { InsightsStore } from './store';

/**
 * The schema, one migration per version, applied in order on open (`PRAGMA user_version` says which have run).
 * Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE turns (
     id INTEGER PRIMARY KEY, at INTEGER NOT NULL, channel TEXT NOT NULL, audience TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('answer', 'clarify', 'fallback', 'safety')), entry_id TEXT, confidence REAL);
   CREATE INDEX turns_at ON turns (at);
   CREATE TABLE votes (
     id INTEGER PRIMARY KEY, at INTEGER NOT NULL, entry_id TEXT NOT NULL, helpful INTEGER NOT NULL,
     audience TEXT NOT NULL, channel TEXT NOT NULL);
   CREATE INDEX votes_at ON votes (at);
   CREATE TABLE misses (
     id INTEGER PRIMARY KEY, at INTEGER NOT NULL,
     reason TEXT NOT NULL CHECK (reason IN ('fallback', 'none-of-these', 'thumbs-down')),
     question TEXT NOT NULL, normalised TEXT NOT NULL, audience TEXT NOT NULL, channel TEXT NOT NULL,
     candidates TEXT NOT NULL, entry_id TEXT, user_hash TEXT NOT NULL);
   CREATE INDEX misses_at ON misses (at);`,
];

/**
 * The organisers' data in one SQLite file (`DATABASE_FILE`, created with its folder on first use): every turn's
 * outcome, the votes, and the questions the bot could not answer (redacted). Read by `npm run report`,
 * `GET /admin/report` and `npm run kb:suggest`. For a single instance: several share PostgreSQL instead
 * (`postgres.ts`). Writes are synchronous, so what is recorded is stored before the reply goes.
 */
export class InsightsDatabase implements InsightsStore {
  private readonly db: Database.Database;
  private readonly salt: string;
  private readonly insertTurn: Database.Statement;
  private readonly insertVote: Database.Statement;
  private readonly insertMiss: Database.Statement;

  /** The file. */
  readonly where: string;

  constructor(file: string) {
    this.where = file;
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 2000');
    // Deleted rows are overwritten with zeros, so retention deletes for real (not just unlinks the row).
    this.db.pragma('secure_delete = ON');
    migrate(this.db);
    this.salt = this.saltOf();
    this.insertTurn = this.db.prepare(`INSERT INTO turns (${TURN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`);
    this.insertVote = this.db.prepare(`INSERT INTO votes (${VOTE_COLUMNS}) VALUES (?, ?, ?, ?, ?)`);
    this.insertMiss = this.db.prepare(`INSERT INTO misses (${MISS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  /** The install's own random salt for user hashes, made on first use and never shown. */
  private saltOf(): string {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'user-hash-salt'").get() as { value: string } | undefined;
    if (row) return row.value;
    const salt = randomBytes(32).toString('base64');
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('user-hash-salt', ?)").run(salt);
    return salt;
  }

  hashUser(userId: string): string {
    return hashUserId(this.salt, userId);
  }

  recordTurn(turn: TurnRecord): void {
    this.insertTurn.run(...turnValues(turn));
  }

  recordVote(vote: VoteRecord): void {
    this.insertVote.run(...voteValues(vote));
  }

  recordMiss(miss: MissRecord): void {
    this.insertMiss.run(...missValues(miss));
  }

  /**
   * Deletes everything older than `cutoff`; returns how many rows went. With `secure_delete` the rows are zeroed
   * in the file; the checkpoint then empties the write-ahead log, which still held the pages as they were.
   */
  purge(cutoff: Date): number {
    const before = cutoff.getTime();
    const deleted = this.db.transaction(() => ['turns', 'votes', 'misses'].reduce((sum, table) => sum + this.db.prepare(`DELETE FROM ${table} WHERE at < ?`).run(before).changes, 0))();
    if (deleted > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  flushed(): undefined {
    return undefined;
  }

  async readSince(since: Date): Promise<ReportData> {
    return { turns: this.turnsSince(since), votes: this.votesSince(since), misses: this.missesSince(since) };
  }

  turnsSince(since: Date): TurnRecord[] {
    return (this.db.prepare(`SELECT ${TURN_COLUMNS} FROM turns WHERE at >= ? ORDER BY at, id`).all(since.getTime()) as TurnRow[]).map(turnFromRow);
  }

  votesSince(since: Date): VoteRecord[] {
    return (this.db.prepare(`SELECT ${VOTE_COLUMNS} FROM votes WHERE at >= ? ORDER BY at, id`).all(since.getTime()) as VoteRow[]).map(voteFromRow);
  }

  missesSince(since: Date): MissRecord[] {
    return (this.db.prepare(`SELECT ${MISS_COLUMNS} FROM misses WHERE at >= ? ORDER BY at, id`).all(since.getTime()) as MissRow[]).map(missFromRow);
  }

  /** The schema version this file is at. */
  version(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Runs the migrations this file has not had yet, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new Error(`The database is at schema version ${current}, newer than this bot knows (${migrations.length}): upgrade the bot.`);
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Applies the retention setting now and then daily (the timer never keeps the process alive). With several
 * instances each runs it: deleting what another already deleted deletes nothing.
 */
export function scheduleRetention(database: Pick<InsightsStore, 'purge'>, days: number, onPurged: (deleted: number) => void, onError: (error: unknown) => void): NodeJS.Timeout {
  const purged = (deleted: number) => {
    if (deleted > 0) onPurged(deleted);
  };
  const run = () => {
    try {
      const deleted = database.purge(new Date(Date.now() - days * DAY_MS));
      if (typeof deleted === 'number') purged(deleted);
      else deleted.then(purged, onError);
    } catch (error) {
      onError(error);
    }
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return timer;
}

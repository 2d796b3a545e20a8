import type { Storage } from 'botbuilder';
import type { Pool } from 'pg';
import { BoundedMemoryStorage } from './boundedMemoryStorage';
import type { Config } from './config';
import { InsightsDatabase } from './insights/database';
import { PostgresInsights } from './insights/postgres';
import type { InsightsStore } from './insights/store';
import type { Logger } from './logger';
import { RateLimiter, SharedRateLimiter, type RequestLimiter } from './rateLimit';

/**
 * Everything the bot keeps beyond one turn, chosen by the configuration, the one place that choice is made:
 * - users' and conversations' state: this process's memory (`STATE_STORAGE=memory`, the default) or Azure Blob
 *   Storage (`blob`), which several instances share;
 * - the organisers' data and the rate limits' counts: a SQLite file and this process's memory, or PostgreSQL when
 *   DATABASE_URL is set, shared by every instance.
 */
export interface Stores {
  state: Storage;
  insights: InsightsStore;
  limiters: { chat: RequestLimiter; directLineToken: RequestLimiter };
  /** Where each is kept, for the start-up log (no secret). */
  where: { state: string; insights: string; rateLimits: string };
  /** Closes what was opened here (not what the caller passed in). */
  close(): Promise<void>;
}

/** Stores a test (or the bench) brings: used as they are, and left open. */
export interface GivenStores {
  storage?: Storage;
  insights?: InsightsStore;
}

export async function openStores(config: Config, logger: Logger, given: GivenStores = {}): Promise<Stores> {
  const state = given.storage ?? (await stateStorage(config));
  const stateWhere = given.storage ? 'given' : config.stateStorage.kind === 'blob' ? `Azure Blob Storage, container ${config.stateStorage.container}` : 'memory';
  const perMinute = config.chat.rateLimitPerMinute;
  if (!config.databaseUrl) {
    const insights = given.insights ?? new InsightsDatabase(config.databaseFile);
    return {
      state,
      insights,
      limiters: { chat: new RateLimiter(perMinute), directLineToken: new RateLimiter(perMinute) },
      where: { state: stateWhere, insights: insights.where, rateLimits: 'memory' },
      close: async () => {
        if (!given.insights) await insights.close();
      },
    };
  }
  const pool = await postgresPool(config.databaseUrl, logger);
  try {
    const where = postgresWhere(config.databaseUrl);
    const insights = given.insights ?? (await openPostgresInsights(pool, config.databaseUrl, logger));
    const [chat, directLineToken] = await Promise.all([SharedRateLimiter.open(pool, 'chat', perMinute), SharedRateLimiter.open(pool, 'directline-token', perMinute)]);
    return {
      state,
      insights,
      limiters: { chat, directLineToken },
      where: { state: stateWhere, insights: insights.where, rateLimits: `PostgreSQL ${where}` },
      close: async () => {
        if (!given.insights) await insights.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw new StoreUnavailable(`PostgreSQL at ${postgresWhere(config.databaseUrl)} (DATABASE_URL)`, error);
  }
}

/**
 * The organisers' data alone, for the commands that read it (`report`, `kb:suggest`): `file` if given, else
 * PostgreSQL when DATABASE_URL is set, else DATABASE_FILE. `close` ends what was opened.
 */
export async function openInsights(config: Config, logger: Logger, file?: string): Promise<{ insights: InsightsStore; close: () => Promise<void> }> {
  if (file || !config.databaseUrl) {
    const insights = new InsightsDatabase(file ?? config.databaseFile);
    return { insights, close: () => insights.close() };
  }
  const pool = await postgresPool(config.databaseUrl, logger);
  try {
    const insights = await openPostgresInsights(pool, config.databaseUrl, logger);
    return {
      insights,
      close: async () => {
        await insights.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw new StoreUnavailable(`PostgreSQL at ${postgresWhere(config.databaseUrl)} (DATABASE_URL)`, error);
  }
}

/** The organisers' data in PostgreSQL; a record that fails is logged (never thrown at the user). */
function openPostgresInsights(pool: Pool, databaseUrl: string, logger: Logger): Promise<PostgresInsights> {
  return PostgresInsights.open(pool, postgresWhere(databaseUrl), (error, what) => logger.error({ err: error }, `could not record ${what} for the organisers`));
}

/** A store that could not be opened at start: said in one line, with where it is (never a password). */
export class StoreUnavailable extends Error {
  constructor(what: string, cause: unknown) {
    super(`Could not open ${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailable';
  }
}

/**
 * The shared stores' client libraries (pg, Azure Blob Storage) are loaded only when configured: a single instance,
 * the default, does not pay their start-up time and memory (about 0.3 s and 40 MB together).
 */
async function postgresPool(databaseUrl: string, logger: Logger): Promise<Pool> {
  const { default: pg } = await import('pg');
  // Timeouts, so an unreachable server fails a write (logged) instead of holding it for ever.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000, query_timeout: 10_000 });
  // A connection the server drops while idle is replaced; unhandled, its error would end the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'a PostgreSQL connection was lost; it is replaced on next use'));
  return pool;
}

async function stateStorage(config: Config): Promise<Storage> {
  const settings = config.stateStorage;
  if (settings.kind !== 'blob') return memoryStateStorage(config);
  const { BlobStateStorage } = await import('./blobStateStorage');
  return new BlobStateStorage(settings.connectionString, settings.container);
}

/** The single-instance default: in memory, bounded by STATE_MAX_ITEMS and STATE_IDLE_MINUTES. */
export function memoryStateStorage({ memoryState }: Pick<Config, 'memoryState'>): Storage {
  return new BoundedMemoryStorage({ maxItems: memoryState.maxItems, idleMs: memoryState.idleMinutes * 60_000 });
}

/** host:port/database of a PostgreSQL URL, for the log: never the user or password. */
export function postgresWhere(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname || '/'}`;
}

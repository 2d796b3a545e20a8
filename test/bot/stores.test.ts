import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlobStateStorage } from '../../bot/blobStateStorage';
import { BoundedMemoryStorage } from '../../bot/boundedMemoryStorage';
import { InsightsDatabase } from '../../bot/insights/database';
import { PostgresInsights } from '../../bot/insights/postgres';
import { createLogger } from '../../bot/logger';
import { RateLimiter, SharedRateLimiter } from '../../bot/rateLimit';
import { openInsights, openStores, postgresWhere } from '../../bot/stores';
import { runInline } from '../helpers/run';
import { startPostgres, type RunningPostgres } from '../helpers/services';
import { testConfig } from '../helpers/testBot';
import { SMALL_KB } from '../helpers/kbFolder';

const logger = createLogger('silent');
const BLOB = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;';
let server: RunningPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('openStores: what the configuration chooses', () => {
  it('by default: state in bounded memory, organisers\' data in the SQLite file, rate limits in memory', async () => {
    const stores = await openStores(testConfig(SMALL_KB), logger);
    expect(stores.state).toBeInstanceOf(BoundedMemoryStorage);
    expect(stores.insights).toBeInstanceOf(InsightsDatabase);
    expect(stores.limiters.chat).toBeInstanceOf(RateLimiter);
    expect(stores.where).toEqual({ state: 'memory', insights: ':memory:', rateLimits: 'memory' });
    await stores.close();
  });

  it('STATE_STORAGE=blob: state in Azure Blob Storage (nothing is contacted until the first turn)', async () => {
    const stores = await openStores(testConfig(SMALL_KB, { STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: BLOB, BLOB_CONTAINER: 'cop-state' }), logger);
    expect(stores.state).toBeInstanceOf(BlobStateStorage);
    expect(stores.where.state).toBe('Azure Blob Storage, container cop-state');
    await stores.close();
  });

  it('DATABASE_URL: organisers\' data and rate limits in PostgreSQL, one pool, ended on close', async () => {
    const url = await server.database();
    const stores = await openStores(testConfig(SMALL_KB, { DATABASE_URL: url }), logger);
    expect(stores.insights).toBeInstanceOf(PostgresInsights);
    expect(stores.limiters.chat).toBeInstanceOf(SharedRateLimiter);
    expect(stores.where.insights).toBe(postgresWhere(url));
    expect(stores.where.rateLimits).toBe(`PostgreSQL ${postgresWhere(url)}`);
    stores.insights.recordTurn({ at: new Date(), channel: 'webchat', audience: 'general', kind: 'answer', entryId: 'e', confidence: 0.9 });
    await stores.close();
    // The record under way was stored before the pool ended.
    const { insights, close } = await openInsights(testConfig(SMALL_KB, { DATABASE_URL: url }), logger);
    expect((await insights.readSince(new Date(0))).turns).toHaveLength(1);
    await close();
  });

  it('a PostgreSQL that cannot be reached stops the start, saying where and why, never the password', async () => {
    const opening = openStores(testConfig(SMALL_KB, { DATABASE_URL: 'postgres://nobody:hunter2@127.0.0.1:1/none' }), logger);
    await expect(opening).rejects.toThrow(/^Could not open PostgreSQL at 127\.0\.0\.1:1\/none \(DATABASE_URL\): .*ECONNREFUSED/);
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });

  it('leaves stores the caller passed in open', async () => {
    const insights = new InsightsDatabase(':memory:');
    const stores = await openStores(testConfig(SMALL_KB), logger, { insights });
    await stores.close();
    expect(insights.turnsSince(new Date(0))).toEqual([]);
    await insights.close();
  });
});

describe('the cost of the shared stores to a single instance', () => {
  it('the default app loads none of their libraries (Blob Storage, pg, rate-limiter-flexible, the telemetry SDK)', () => {
    const script = [
      "import { buildApp } from './bot/app';",
      "import { readConfig } from './bot/config';",
      "import { createLogger } from './bot/logger';",
      "buildApp(readConfig({ KB_WATCH: 'false', DATABASE_FILE: ':memory:', LOG_LEVEL: 'silent' }), createLogger('silent')).then((app) => {",
      "  const shared = /node_modules\\/(pg|@azure\\/storage-blob|botbuilder-azure-blobs|rate-limiter-flexible|@opentelemetry\\/sdk-trace-node)\\//;",
      '  console.log(JSON.stringify(Object.keys(require.cache).filter((file) => shared.test(file))));',
      '  app.server.close();',
      '});',
    ].join('\n');
    const result = runInline(script);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});

describe('openInsights: what the organisers\' commands read', () => {
  it('a --db file wins over DATABASE_URL', async () => {
    const file = path.join(os.tmpdir(), `cop-stores-${process.pid}.sqlite`);
    const { insights, close } = await openInsights(testConfig(SMALL_KB, { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x' }), logger, file);
    expect(insights.where).toBe(file);
    await close();
    rmSync(file, { force: true });
  });
});

describe('postgresWhere', () => {
  it('names host, port and database, never the user or password', () => {
    expect(postgresWhere('postgres://cop:s3cret@db.example.org:6432/copbot?sslmode=require')).toBe('db.example.org:6432/copbot');
    expect(postgresWhere('postgresql://cop:s3cret@db/copbot')).toBe('db/copbot');
  });
});

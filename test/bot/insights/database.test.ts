import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { InsightsDatabase, MIGRATIONS, migrate, scheduleRetention } from '../../../bot/insights/database';
import { suggest, suggestionsText } from '../../../bot/insights/suggest';
import { parseSince } from '../../../bot/insights/report';
import type { MissRecord } from '../../../dialogs/insights';
import { loadKnowledgeBase } from '../../../knowledge/load';
import { PROJECT_ROOT, readConfig } from '../../../bot/config';
import { REAL_KB } from '../../helpers/kbFolder';
import { runInline, startBot } from '../../helpers/run';

const DAY = 86_400_000;

describe('the organisers\' SQLite file', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(os.tmpdir(), 'cop-insights-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is created with its folder on first use, at the latest schema version', () => {
    const database = new InsightsDatabase(path.join(folder, 'nested', 'insights.sqlite'));
    expect(database.version()).toBe(MIGRATIONS.length);
    database.close();
  });

  it('keeps its salt: the same user hashes the same after a restart, and differently in another install', () => {
    const file = path.join(folder, 'a.sqlite');
    const first = new InsightsDatabase(file);
    const hash = first.hashUser('user-1');
    first.close();
    const again = new InsightsDatabase(file);
    expect(again.hashUser('user-1')).toBe(hash);
    expect(again.hashUser('user-2')).not.toBe(hash);
    again.close();
    const other = new InsightsDatabase(path.join(folder, 'b.sqlite'));
    expect(other.hashUser('user-1')).not.toBe(hash);
    other.close();
  });

  it('runs only the migrations a file has not had, and refuses a file from a newer bot', () => {
    const file = path.join(folder, 'old.sqlite');
    const raw = new Database(file);
    migrate(raw, MIGRATIONS.slice(0, 1));
    raw.exec("INSERT INTO turns (at, channel, audience, kind) VALUES (1, 'webchat', 'general', 'answer')");
    migrate(raw, [...MIGRATIONS, 'CREATE TABLE later (x INTEGER)']);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(raw.prepare('SELECT COUNT(*) AS n FROM turns').get()).toEqual({ n: 1 });
    raw.close();
    expect(() => new InsightsDatabase(file)).toThrow(/newer than this bot knows/);
  });

  it('deletes rows older than the retention period from every table', () => {
    const database = new InsightsDatabase(path.join(folder, 'c.sqlite'));
    const old = new Date(Date.now() - 40 * DAY);
    const recent = new Date();
    for (const at of [old, recent]) {
      database.recordTurn({ at, channel: 'webchat', audience: 'general', kind: 'answer', entryId: 'event.date', confidence: 1 });
      database.recordVote({ at, entryId: 'event.date', helpful: true, audience: 'general', channel: 'webchat' });
      database.recordMiss({ at, reason: 'fallback', question: 'q', normalised: 'q', audience: 'general', channel: 'webchat', candidates: [], entryId: null, userHash: 'h' });
    }
    expect(database.purge(new Date(Date.now() - 30 * DAY))).toBe(3);
    const all = new Date(0);
    expect([database.turnsSince(all).length, database.votesSince(all).length, database.missesSince(all).length]).toEqual([1, 1, 1]);
    database.close();
  });

  it('deletes for real: a purged question is in no byte of the file or its write-ahead log', () => {
    const file = path.join(folder, 'd.sqlite');
    const database = new InsightsDatabase(file);
    const miss = (at: Date, question: string): MissRecord => ({ at, reason: 'fallback', question, normalised: question, audience: 'general', channel: 'webchat', candidates: [], entryId: null, userHash: 'h' });
    database.recordMiss(miss(new Date(Date.now() - 40 * DAY), 'an old question about Quetzalcoatlus'));
    database.recordMiss(miss(new Date(), 'a recent question about pterosaurs'));
    const bytes = () => [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes()).toContain('Quetzalcoatlus');
    expect(database.purge(new Date(Date.now() - 30 * DAY))).toBe(1);
    expect(bytes()).not.toContain('Quetzalcoatlus');
    expect(bytes()).toContain('pterosaurs');
    database.close();
  });
});

describe('kb:suggest', () => {
  const kb = loadKnowledgeBase(REAL_KB);
  const miss = (question: string, reason: MissRecord['reason'], entryId: string, confidence: number): MissRecord => ({
    at: new Date(),
    reason,
    question,
    normalised: question.toLowerCase(),
    audience: 'general',
    channel: 'webchat',
    candidates: [{ entryId, confidence }],
    entryId: reason === 'thumbs-down' ? entryId : null,
    userHash: 'someone',
  });

  it('proposes YAML lines under the close entry for unanswered questions, and only new phrasings', () => {
    const date = kb.byId.get('event.date');
    const result = suggest(
      [miss('launch party day', 'fallback', 'event.date', 0.45), miss('launch party day: when?', 'fallback', 'event.date', 0.44), miss(date?.questions[0] ?? '', 'fallback', 'event.date', 0.5)],
      kb,
      PROJECT_ROOT,
    );
    expect(result.alternates).toHaveLength(1);
    expect(result.alternates[0]).toMatchObject({ entryId: 'event.date', file: path.join('knowledge', 'content', 'entries', 'event.yaml'), line: date?.origin.line });
    expect(result.alternates[0].yaml).toBe('      - launch party day\n      - "launch party day: when?"');
    expect(suggestionsText(result)).toContain(`# event.date (knowledge/content/entries/event.yaml:${date?.origin.line}): asked 2 times by 1 person, closest confidence 0.45`);
    // The entry's own question asked again (its own group) proposes nothing.
    expect(result.newEntries).toEqual([]);
  });

  it('never proposes a question for an entry the person rejected', () => {
    const result = suggest([miss('launch?', 'none-of-these', 'event.date', 0.8), miss('what is sextortion', 'thumbs-down', 'risks.sextortion', 1)], kb, PROJECT_ROOT);
    expect(result.alternates).toEqual([]);
    expect(result.noneFit).toHaveLength(1);
    expect(result.disliked).toHaveLength(1);
  });
});

describe('--since', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  it.each([
    ['7d', '2026-11-22T12:00:00.000Z'],
    ['24h', '2026-11-28T12:00:00.000Z'],
    ['30m', '2026-11-29T11:30:00.000Z'],
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
  ])('reads %s', (value, expected) => expect(parseSince(value, now).toISOString()).toBe(expected));
  it('refuses anything else', () => expect(() => parseSince('last week', now)).toThrow(/--since must be like 7d/));
});

describe('the retention schedule (RETENTION_DAYS)', () => {
  const START = new Date('2026-06-01T09:00:00Z');
  const HOUR = 3_600_000;
  let folder: string;
  let database: InsightsDatabase;
  beforeEach(() => {
    jest.useFakeTimers({ now: START, doNotFake: ['nextTick', 'queueMicrotask'] });
    folder = mkdtempSync(path.join(os.tmpdir(), 'cop-retention-'));
    database = new InsightsDatabase(path.join(folder, 'insights.sqlite'));
  });
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
    try {
      database.close();
    } catch {
      // Already closed by the test.
    }
    rmSync(folder, { recursive: true, force: true });
  });

  /** One turn, one vote and one unanswered question at `at`. */
  const recordAll = (at: Date, question: string) => {
    database.recordTurn({ at, channel: 'webchat', audience: 'general', kind: 'answer', entryId: 'event.date', confidence: 1 });
    database.recordVote({ at, entryId: 'event.date', helpful: true, audience: 'general', channel: 'webchat' });
    database.recordMiss({ at, reason: 'fallback', question, normalised: question, audience: 'general', channel: 'webchat', candidates: [], entryId: null, userHash: 'h' });
  };
  const questionsKept = () => database.missesSince(new Date(0)).map((miss) => miss.question);
  const counts = () => {
    const all = new Date(0);
    return [database.turnsSince(all).length, database.votesSince(all).length, database.missesSince(all).length];
  };

  it('deletes rows older than the retention at once on start, keeps newer ones, and reports how many went', () => {
    recordAll(new Date(START.getTime() - 31 * DAY), 'thirty-one days old');
    recordAll(new Date(START.getTime() - 29 * DAY), 'twenty-nine days old');
    recordAll(START, 'asked today');
    const purged = jest.fn();
    const failed = jest.fn();

    const timer = scheduleRetention(database, 30, purged, failed);

    expect(purged.mock.calls).toEqual([[3]]);
    expect(failed).not.toHaveBeenCalled();
    expect(questionsKept()).toEqual(['twenty-nine days old', 'asked today']);
    expect(counts()).toEqual([2, 2, 2]);
    // The timer never keeps the process alive on its own.
    expect(timer.hasRef()).toBe(false);
  });

  it('then runs daily: rows that age past the retention go the next day, and a day with nothing to delete reports nothing', () => {
    recordAll(new Date(START.getTime() - 29 * DAY - 12 * HOUR), 'twenty-nine and a half days old');
    recordAll(new Date(START.getTime() - 2 * DAY), 'two days old');
    const purged = jest.fn();
    const failed = jest.fn();

    scheduleRetention(database, 30, purged, failed);
    // Nothing is old enough yet: nothing deleted, nothing reported.
    expect(purged).not.toHaveBeenCalled();
    expect(counts()).toEqual([2, 2, 2]);

    // Not yet a day later: the daily run has not come.
    jest.advanceTimersByTime(DAY - HOUR);
    expect(purged).not.toHaveBeenCalled();
    expect(counts()).toEqual([2, 2, 2]);

    // A day after the start, the first row is thirty and a half days old.
    jest.advanceTimersByTime(HOUR);
    expect(purged.mock.calls).toEqual([[3]]);
    expect(questionsKept()).toEqual(['two days old']);

    // The next day there is nothing older than 30 days: no report.
    jest.advanceTimersByTime(DAY);
    expect(purged).toHaveBeenCalledTimes(1);
    expect(questionsKept()).toEqual(['two days old']);

    // 28 more days: the second row is past the retention and goes on the daily run.
    jest.advanceTimersByTime(28 * DAY);
    expect(purged.mock.calls).toEqual([[3], [3]]);
    expect(counts()).toEqual([0, 0, 0]);
    expect(failed).not.toHaveBeenCalled();
  });

  it('follows the number of days it is given (RETENTION_DAYS=7)', () => {
    recordAll(new Date(START.getTime() - 8 * DAY), 'eight days old');
    recordAll(new Date(START.getTime() - 6 * DAY), 'six days old');
    const purged = jest.fn();
    scheduleRetention(database, readConfig({ RETENTION_DAYS: '7' }).retentionDays, purged, jest.fn());
    expect(purged.mock.calls).toEqual([[3]]);
    expect(questionsKept()).toEqual(['six days old']);
  });

  it('reports an error through its callback, and keeps running the next days', () => {
    const purged = jest.fn();
    const failed = jest.fn();
    scheduleRetention(database, 30, purged, failed);
    expect(failed).not.toHaveBeenCalled();

    database.close();
    expect(() => jest.advanceTimersByTime(DAY)).not.toThrow();
    expect(failed).toHaveBeenCalledTimes(1);
    expect(String(failed.mock.calls[0][0])).toMatch(/not open/);
    jest.advanceTimersByTime(DAY);
    expect(failed).toHaveBeenCalledTimes(2);
    expect(purged).not.toHaveBeenCalled();
  });

  it('reports an error met on start through its callback instead of throwing', () => {
    database.close();
    const failed = jest.fn();
    expect(() => scheduleRetention(database, 30, jest.fn(), failed)).not.toThrow();
    expect(failed).toHaveBeenCalledTimes(1);
  });
});

describe('the retention schedule in a real process', () => {
  it('never keeps a process alive: a script that schedules it and does nothing else ends by itself', () => {
    const script = [
      "import { InsightsDatabase, scheduleRetention } from './bot/insights/database';",
      "scheduleRetention(new InsightsDatabase(':memory:'), 30, () => {}, () => {});",
      "console.log('scheduled');",
    ].join('\n');
    const result = runInline(script);
    // A timer that held the process would end it by the timeout's signal, with no exit code.
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('scheduled\n');
  });

  it('npm start deletes what is older than RETENTION_DAYS on start, keeps the rest, and logs how many rows went', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'cop-retention-start-'));
    const file = path.join(folder, 'insights.sqlite');
    try {
      const seeded = new InsightsDatabase(file);
      const miss = (at: Date, question: string): MissRecord => ({ at, reason: 'fallback', question, normalised: question, audience: 'general', channel: 'webchat', candidates: [], entryId: null, userHash: 'h' });
      seeded.recordMiss(miss(new Date(Date.now() - 10 * DAY), 'ten days old'));
      seeded.recordTurn({ at: new Date(Date.now() - 10 * DAY), channel: 'webchat', audience: 'general', kind: 'fallback', entryId: null, confidence: null });
      seeded.recordMiss(miss(new Date(Date.now() - 3 * DAY), 'three days old'));
      seeded.close();

      const bot = startBot({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_FILE: file, RETENTION_DAYS: '7', KB_WATCH: 'false' }, /"port":(\d+)/);
      try {
        await bot.started;
      } finally {
        bot.child.kill('SIGTERM');
      }
      expect(await bot.exited).toBe(0);
      const lines = bot.stderr().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'old organiser data deleted', deleted: 2, retentionDays: 7 }));

      const after = new InsightsDatabase(file);
      expect(after.missesSince(new Date(0)).map((m) => m.question)).toEqual(['three days old']);
      expect(after.turnsSince(new Date(0))).toEqual([]);
      after.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { InsightsDatabase, MIGRATIONS, migrate } from '../../../bot/insights/database';
import { suggest, suggestionsText } from '../../../bot/insights/suggest';
import { parseSince } from '../../../bot/insights/report';
import type { MissRecord } from '../../../dialogs/insights';
import { loadKnowledgeBase } from '../../../knowledge/load';
import { PROJECT_ROOT } from '../../../bot/config';
import { REAL_KB } from '../../helpers/kbFolder';

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

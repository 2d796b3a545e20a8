import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../bot/app';
import { readConfig } from '../../bot/config';
import { InsightsDatabase } from '../../bot/insights/database';
import { createLogger } from '../../bot/logger';
import { post, startApp } from '../helpers/http';
import { SMALL_KB, kbCopy } from '../helpers/kbFolder';
import { testConfig } from '../helpers/testBot';

interface Health {
  status: string;
  reason?: string;
  knowledgeBase?: { version: string; entries: number };
}

let conversations = 0;

/** What the bot answers now, through the Web Chat route of a running server (a fresh conversation each time). */
async function answer(url: string, question: string): Promise<string> {
  const response = await post(`${url}/api/chat`, { type: 'message', text: question, from: { id: 'app-test-user' }, conversation: { id: `app-test-${++conversations}` } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { activities: { text?: string }[] };
  return body.activities.map((a) => a.text ?? '').join('\n');
}

const health = async (url: string) => {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as Health };
};

/** Polls until `done` holds; fails after `limitMs` (only so that a reload that never comes cannot hang the suite). */
async function until(limitMs: number, done: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > limitMs) throw new Error(`not seen within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Listens on an ephemeral port of 127.0.0.1, as index.ts would on its own port. */
async function listen(app: App): Promise<{ url: string; close: () => Promise<void> }> {
  await app.watcher?.ready();
  await new Promise<void>((resolve, reject) => app.server.listen(0, '127.0.0.1', resolve).once('error', reject));
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => app.server.close(() => resolve())),
  };
}

describe('KB_WATCH', () => {
  const kb = kbCopy(SMALL_KB);
  const file = path.join(kb.folder, 'entries', 'sample.yaml');
  const original = readFileSync(file, 'utf8');
  let still: Awaited<ReturnType<typeof startApp>> | undefined;
  let watching: Awaited<ReturnType<typeof listen>> | undefined;

  afterAll(async () => {
    await Promise.all([still?.close(), watching?.close()]);
    kb.cleanup();
  });

  it('false: an edit of a knowledge file while the app runs is not picked up (the default, true, picks it up)', async () => {
    still = await startApp(kb.folder, { KB_WATCH: 'false' });
    // The same folder served with the default setting (no KB_WATCH at all): it watches.
    const config = readConfig({ KB_DIR: kb.folder, LOG_LEVEL: 'silent', DATABASE_FILE: ':memory:' });
    expect(config.watchKnowledge).toBe(true);
    watching = await listen(await buildApp(config, createLogger('silent')));

    expect(await answer(still.url, 'What colour are apples?')).toContain('Apples are red, green or yellow.');
    const before = await health(still.url);
    expect(before.status).toBe(200);

    writeFileSync(file, original.replace('Apples are red, green or yellow.', 'Apples are red, green, yellow or even pink.'));
    // Once the watching app serves the edit, the edit has been saved and seen on this machine.
    const watchingUrl = watching.url;
    await until(15_000, async () => (await answer(watchingUrl, 'What colour are apples?')).includes('even pink'));
    expect((await health(watchingUrl)).body.knowledgeBase?.version).not.toBe(before.body.knowledgeBase?.version);

    // The app started with KB_WATCH=false still serves what it loaded at start.
    expect(await answer(still.url, 'What colour are apples?')).toContain('Apples are red, green or yellow.');
    expect(await answer(still.url, 'What colour are apples?')).not.toContain('even pink');
    expect((await health(still.url)).body).toEqual(before.body);
  });
});

describe('buildApp, the composition root', () => {
  it('closing the server closes the insights database it opened (its file is whole and can be reopened and removed)', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'cop-app-db-'));
    const file = path.join(folder, 'insights.sqlite');
    try {
      const app = await buildApp(testConfig(SMALL_KB, { DATABASE_FILE: file }), createLogger('silent'));
      const insights = app.stores.insights as InsightsDatabase;
      const running = await listen(app);
      expect(await answer(running.url, 'What colour are apples?')).toContain('Apples are red, green or yellow.');
      expect(insights.turnsSince(new Date(0))).toHaveLength(1);
      // While open, SQLite keeps its write-ahead log beside the file.
      expect(existsSync(`${file}-wal`)).toBe(true);

      await running.close();

      expect(() => insights.turnsSince(new Date(0))).toThrow(/not open/);
      // The last connection closed cleanly: the write-ahead log was folded into the file and removed.
      expect(existsSync(`${file}-wal`)).toBe(false);
      const reopened = new InsightsDatabase(file);
      expect(reopened.turnsSince(new Date(0))).toEqual([expect.objectContaining({ channel: 'webchat', kind: 'answer', entryId: 'fruit.apple-colour' })]);
      await reopened.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(existsSync(folder)).toBe(false);
  });

  it('leaves open a database the caller passed in: it is the caller\'s to close', async () => {
    const insights = new InsightsDatabase(':memory:');
    try {
      const running = await listen(await buildApp(testConfig(SMALL_KB), createLogger('silent'), { insights }));
      await answer(running.url, 'What colour are apples?');
      await running.close();
      expect(insights.turnsSince(new Date(0))).toHaveLength(1);
    } finally {
      await insights.close();
    }
  });

  it('with loadKnowledge: false, /healthz answers 503 and a question gets the "not loaded" reply', async () => {
    const app = await startApp(SMALL_KB, {}, { loadKnowledge: false });
    try {
      const { status, body } = await health(app.url);
      expect(status).toBe(503);
      expect(body).toEqual({ status: 'unavailable', reason: 'no knowledge base is loaded' });
      expect(await answer(app.url, 'What colour are apples?')).toMatch(/knowledge base is not loaded\. Please try again in a moment\./);
    } finally {
      await app.close();
    }
  });
});

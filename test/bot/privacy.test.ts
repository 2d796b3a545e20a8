import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { MemoryStorage } from 'botbuilder';
import { InsightsDatabase } from '../../bot/insights/database';
import { createLogger } from '../../bot/logger';
import { REAL_KB } from '../helpers/kbFolder';
import { post, startApp } from '../helpers/http';

const PHONE = '07700 900123';
const EMAIL = 'kid.secret@example.com';
const ADDRESS = '12 Oak Street';
const NAME = 'Zebulon Quixote';
const CHILD = 'Bartholomew Fenwick-Hargreaves';
const TOWN_AND_POSTCODE = 'Bendigo VIC 3550';

describe('personal data never reaches a store or a log (HTTP end to end)', () => {
  it('answers, notes the personal data kindly, and keeps none of it', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'cop-privacy-'));
    const databaseFile = path.join(folder, 'insights.sqlite');
    const storage = new MemoryStorage();
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const app = await startApp(REAL_KB, { DATABASE_FILE: databaseFile, LOG_LEVEL: 'trace' }, { storage, logger: createLogger('trace', sink) });
    try {
      const send = async (text: string) => {
        const response = await post(`${app.url}/api/messages`, {
          type: 'message',
          text,
          channelId: 'emulator',
          deliveryMode: 'expectReplies',
          conversation: { id: 'privacy-conversation' },
          from: { id: 'privacy-user', name: 'Kid' },
          recipient: { id: 'bot', name: 'COP Guide Bot' },
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { activities: { text?: string }[] };
        return body.activities.map((a) => a.text ?? '').join('\n');
      };
      const first = await send(`my email is ${EMAIL}, what is cyberbullying?`);
      expect(first).toMatch(/Please don't share your e-mail address/);
      expect(first).toMatch(/cyberbullying/i);
      expect(await send(`my number is ${PHONE} and I live at ${ADDRESS}`)).toMatch(/phone number or address/);
      await send('what is grooming');
      await send('👍');
      // Questions that go to the organisers' inbox, with personal data in them.
      expect(await send(`call me on ${PHONE}, what is the capital of peru?`)).toMatch(/don't know/);
      await send(`I live at ${ADDRESS}. What is online grooming?`);
      await send('👎');
      expect(await send(`My name is ${NAME}, what is the capital of peru?`)).toMatch(/Please don't share your name/);
      await send(`my son ${CHILD} is 12, what is the weather tomorrow?`);
      await send(`we live in ${TOWN_AND_POSTCODE}, who won the football?`);
      await app.close();

      const database = new InsightsDatabase(databaseFile);
      const since = new Date(0);
      const rows = { turns: database.turnsSince(since), votes: database.votesSince(since), misses: database.missesSince(since) };
      database.close();
      // Kept with placeholders where the personal data was, so organisers still read the question.
      expect(rows.misses.map((miss) => [miss.reason, miss.question])).toEqual([
        ['fallback', 'call me on [phone], what is the capital of peru?'],
        ['thumbs-down', 'I live at [address]. What is online grooming?'],
        ['fallback', 'My name is [name], what is the capital of peru?'],
        ['fallback', 'my son [name] is 12, what is the weather tomorrow?'],
        ['fallback', 'we live in [place], who won the football?'],
      ]);
      expect(rows.turns.length).toBeGreaterThanOrEqual(7);
      // Every byte of the database (and of its write-ahead log, if any is left), the state and the logs.
      const files = [databaseFile, `${databaseFile}-wal`].filter(existsSync).map((file) => readFileSync(file).toString('latin1'));
      const everything = [JSON.stringify(storage), logged, JSON.stringify(rows), ...files].join('\n');
      expect(logged).toMatch(/"msg":"turn"/);
      for (const secret of [EMAIL, PHONE, PHONE.replace(' ', ''), ADDRESS, 'Oak Street', 'Zebulon', 'Quixote', 'Bartholomew', 'Fenwick', 'Bendigo', '3550']) expect(everything).not.toContain(secret);
      // The organisers' data knows users only by a salted hash (state is keyed by the id, as Bot Framework does).
      expect([JSON.stringify(rows), ...files].join('\n')).not.toContain('privacy-user');
    } finally {
      await app.close().catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

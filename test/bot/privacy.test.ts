import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { MemoryStorage } from 'botbuilder';
import { createLogger } from '../../bot/logger';
import { REAL_KB } from '../helpers/kbFolder';
import { post, startApp } from '../helpers/http';

const PHONE = '07700 900123';
const EMAIL = 'kid.secret@example.com';
const ADDRESS = '12 Oak Street';

describe('personal data never reaches a store or a log (HTTP end to end)', () => {
  it('answers, notes the personal data kindly, and keeps none of it', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'cop-privacy-'));
    const feedbackFile = path.join(folder, 'feedback.jsonl');
    const storage = new MemoryStorage();
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const app = await startApp(REAL_KB, { FEEDBACK_FILE: feedbackFile, LOG_LEVEL: 'trace' }, { storage, logger: createLogger('trace', sink) });
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
      const everything = [JSON.stringify(storage), logged, existsSync(feedbackFile) ? readFileSync(feedbackFile, 'utf8') : ''].join('\n');
      expect(logged).toMatch(/"msg":"turn"/);
      expect(existsSync(feedbackFile)).toBe(true);
      for (const secret of [EMAIL, PHONE, PHONE.replace(' ', ''), ADDRESS, 'Oak Street']) expect(everything).not.toContain(secret);
    } finally {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

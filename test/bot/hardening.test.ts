import { readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { createLogger } from '../../bot/logger';
import { REAL_KB } from '../helpers/kbFolder';
import { emulatorActivity, post, startApp, startStubConnector } from '../helpers/http';

/** Answered in the response, so no reply address is needed. */
const activity = (text: unknown, extra: Record<string, unknown> = {}) => emulatorActivity(text, { deliveryMode: 'expectReplies', ...extra });
const chatMessage = (text: string, user = 'browser-user-1') => ({ type: 'message', text, from: { id: user }, conversation: { id: `conversation-of-${user}` } });

/** A raw request, so headers and bodies can be whatever an attacker sends. */
function rawRequest(url: string, method: string, headers: Record<string, string>, body?: Buffer | string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sized = body === undefined || headers['transfer-encoding'] ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers };
    const request = http.request(url, { method, headers: sized }, (response) => {
      let data = '';
      response.on('data', (chunk: Buffer) => (data += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: data }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Every line a logger writes, parsed (a line that is not JSON fails the test). */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines, raw };
}

const healthy = async (url: string) => (await fetch(`${url}/healthz`)).status === 200;

describe('hardening: what an attacker sends gets a 4xx, and the server stays up', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => (app = await startApp(REAL_KB, { ADMIN_TOKEN: 'an-admin-token-long-enough', CHAT_RATE_LIMIT: '1000' })));
  afterAll(() => app?.close());

  it.each([
    ['GET', '/healthz', 200],
    ['GET', '/', 200],
    ['POST', '/api/chat', 415],
    ['POST', '/api/messages', 415],
  ])('survives a body that claims gzip but is not (%s %s)', async (method, route, status) => {
    const response = await rawRequest(`${app.url}${route}`, method, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'notgzip');
    expect(response.status).toBe(status);
    expect(await healthy(app.url)).toBe(true);
  });

  it('refuses compressed bodies without inflating them: 16 gzip bombs leave memory where it was', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, ' '));
    expect(bomb.length).toBeLessThan(256 * 1024);
    global.gc?.();
    const before = process.memoryUsage().rss;
    const responses = await Promise.all(
      Array.from({ length: 16 }, () => rawRequest(`${app.url}/api/messages`, 'POST', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, bomb)),
    );
    expect(responses.map((r) => r.status)).toEqual(new Array(16).fill(415));
    expect(JSON.parse(responses[0].body)).toMatchObject({ error: expect.stringMatching(/compressed/) });
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
    expect(await healthy(app.url)).toBe(true);
  });

  it.each(['/api/messages', '/api/chat'])('refuses multipart and form bodies on %s (415) and writes nothing to the temp folder', async (route) => {
    const uploads = () => readdirSync(tmpdir()).filter((name) => name.startsWith('upload_'));
    const before = uploads();
    const boundary = 'xBOUNDARYx';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.alloc(2 * 1024 * 1024, 'a'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await rawRequest(`${app.url}${route}`, 'POST', { 'content-type': `multipart/form-data; boundary=${boundary}` }, multipart);
    expect(upload.status).toBe(415);
    const form = await rawRequest(`${app.url}${route}`, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, 'type=message&text=hi');
    expect(form.status).toBe(415);
    expect(uploads()).toEqual(before);
  });

  it('counts the body limit on what is read, whatever Content-Length says', async () => {
    const big = JSON.stringify(activity('x'.repeat(300 * 1024)));
    const chunked = await rawRequest(`${app.url}/api/messages`, 'POST', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, big);
    expect(chunked.status).toBe(413);
    expect(await healthy(app.url)).toBe(true);
  });

  it.each([
    ['a number as text', activity(5), /"text" must be string/],
    ['no from', { ...activity('hi'), from: undefined }, /no "from"/],
    ['from without id', activity('hi', { from: { name: 'x' } }), /no "from.id"/],
    ['entities that are not objects', activity('hi', { entities: ['mention'] }), /entities.0" must be object/],
    ['a mention whose text is a number', activity('hi', { entities: [{ type: 'mention', text: 7 }] }), /entities.0.text" must be string/],
    ['membersAdded that is not a list', activity(undefined, { type: 'conversationUpdate', membersAdded: { id: 'u' } }), /membersAdded" must be array/],
    ['a member without id', activity(undefined, { type: 'conversationUpdate', membersAdded: [{ name: 'x' }] }), /no "membersAdded.0.id"/],
    ['a conversation id that is a number', activity('hi', { conversation: { id: 42 } }), /conversation.id" must be string/],
    ['a locale that is an object', activity('hi', { locale: { toString: 'x' } }), /locale" must be string/],
  ])('answers an activity with %s with 400 and a short reason, never an internal message', async (_name, body, reason) => {
    const response = await post(`${app.url}/api/messages`, body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: string; requestId: string };
    expect(answer.error).toMatch(reason);
    expect(answer.error).not.toMatch(/is not a function|TypeError|at \w+ \(/);
    expect(answer.requestId).toBe(response.headers.get('x-request-id'));
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('answers GET /webchat/%s with 404', async (name) => {
    const response = await fetch(`${app.url}/webchat/${name}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'no such file' });
  });

  it.each(['99999999999999999999d', '1e400h', '0000-00-00', '-5d', '2020-02-30', '2020-01-01 junk', '1000000d', '9'.repeat(5000)])('answers /admin/report?since=%s with 400, not 500', async (since) => {
    const response = await fetch(`${app.url}/admin/report?since=${encodeURIComponent(since)}`, { headers: { Authorization: 'Bearer an-admin-token-long-enough' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; requestId: string };
    expect(body.error.length).toBeLessThan(200);
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers a wrong admin token with 401, a reason and a request id', async () => {
    const response = await fetch(`${app.url}/admin/report`, { headers: { Authorization: 'Bearer wrong' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'send Authorization: Bearer <ADMIN_TOKEN>', requestId: expect.any(String) });
  });

  it('builds one report at a time: parallel requests wait or get 429, and the bot keeps answering', async () => {
    const auth = { headers: { Authorization: 'Bearer an-admin-token-long-enough' } };
    const statuses = await Promise.all(Array.from({ length: 6 }, async () => (await fetch(`${app.url}/admin/report?since=7d`, auth)).status));
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
    expect(await healthy(app.url)).toBe(true);
  });

  it.each([
    ['nested 5,000 levels deep', `{"type":"message","channelId":"emulator","text":"hi","deliveryMode":"expectReplies","from":{"id":"u"},"conversation":{"id":"c","x":${'['.repeat(5000)}${']'.repeat(5000)}}}`, /nests deeper/],
    ['an invoke activity', JSON.stringify(activity(undefined, { type: 'invoke', name: 'adaptiveCard/action' })), /invoke/],
  ])('answers a body %s with 400', async (_name, body, reason) => {
    const response = await post(`${app.url}/api/messages`, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(reason);
  });

  it('answers what Node\'s HTTP parser refuses (huge headers, a made-up method) with a JSON reason', async () => {
    const huge = await rawRequest(`${app.url}/healthz`, 'GET', { 'x-big': 'a'.repeat(20_000) });
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body)).toMatchObject({ error: 'the request headers are too large', requestId: expect.any(String) });
    expect(await healthy(app.url)).toBe(true);
  });

  it('gives up on a body that stops arriving, with 408', async () => {
    const socket = net.connect(Number(new URL(app.url).port), '127.0.0.1');
    const answer = await new Promise<string>((resolve) => {
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.write('POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ty');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toMatch(/did not arrive within 10 s/);
  }, 20_000);

  it('answers an unknown route or method with a short reason and a request id', async () => {
    const missing = await fetch(`${app.url}/nothing/here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found', requestId: expect.any(String) });
    const wrongMethod = await fetch(`${app.url}/api/messages`, { method: 'PUT', body: '{}' });
    expect(wrongMethod.status).toBe(405);
    expect(((await wrongMethod.json()) as { error: string }).error).toBe('method not allowed');
  });

  it('ignores a request id the caller chose', async () => {
    const response = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'attacker-chosen', 'request-id': 'attacker-chosen' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('hardening: local mode replies only to this machine', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => (app = await startApp(REAL_KB)));
  afterAll(() => app?.close());

  it.each(['https://attacker.example/', 'http://10.0.0.1:8080/', 'http://169.254.169.254/', 'http://localhost.attacker.example/', 'file:///etc/passwd', 'http://[::ffff:a00:1]/'])(
    'refuses serviceUrl %s at once, without calling it',
    async (serviceUrl) => {
      const response = await post(`${app.url}/api/messages`, activity('hello', { serviceUrl, deliveryMode: undefined }));
      expect([400, 403]).toContain(response.status);
      expect(((await response.json()) as { error: string }).error).toMatch(/serviceUrl/);
    },
  );

  it('still replies to the Emulator on a loopback address', async () => {
    const connector = await startStubConnector();
    try {
      const response = await post(`${app.url}/api/messages`, activity('who opened the launch event?', { serviceUrl: connector.url, deliveryMode: undefined }));
      expect(response.status).toBe(200);
      expect(connector.received).toHaveLength(1);
    } finally {
      await connector.close();
    }
  });

  it('refuses what a plain HTML form on another site can post', async () => {
    const response = await rawRequest(`${app.url}/api/messages`, 'POST', { 'content-type': 'text/plain' }, JSON.stringify(activity('hi', { serviceUrl: 'https://attacker.example/' })));
    expect(response.status).toBe(415);
  });
});

describe('hardening: logs are JSON lines with no personal ids', () => {
  it('logs a failed turn once, with the conversation id hashed, and tells the user politely', async () => {
    const { logger, lines } = capturedLogger();
    const failing: Storage = {
      read: () => Promise.reject(new Error('storage is down')),
      write: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    };
    const app = await startApp(REAL_KB, {}, { logger, storage: failing });
    try {
      const response = await post(`${app.url}/api/messages`, activity('launch date?', { conversation: { id: '+447700900123' }, channelId: 'sms' }));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { activities: { type: string; text?: string }[] };
      expect(body.activities.find((a) => a.type === 'message')?.text).toMatch(/something went wrong on my side/);
      expect(JSON.stringify(body)).not.toContain('storage is down');
      const failed = lines.filter((line) => line.msg === 'turn failed');
      expect(failed).toHaveLength(1);
      expect(JSON.stringify(lines)).not.toContain('447700900123');
      expect(failed[0].conversation).toMatch(/^[A-Za-z0-9_-]{22}$/);
    } finally {
      await app.close();
    }
  });

  it('logs refused and unauthenticated requests as single JSON lines, never the message text', async () => {
    const { logger, raw } = capturedLogger();
    const app = await startApp(REAL_KB, { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' }, { logger });
    try {
      for (let i = 0; i < 5; i++) {
        const response = await post(`${app.url}/api/messages`, activity('my secret question', { serviceUrl: 'https://smba.trafficmanager.net/emea/', deliveryMode: undefined }));
        expect(response.status).toBe(401);
      }
      expect(raw.length).toBeGreaterThan(0);
      expect(raw.join('\n')).not.toContain('my secret question');
    } finally {
      await app.close();
    }
  });
});

describe('hardening: rate limits behind a proxy', () => {
  const burst = async (url: string, forwardedFor: string[], count: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await post(`${url}/api/chat`, chatMessage('hello', `u${i}`), { 'x-forwarded-for': forwardedFor.join(', ') })).status);
    return statuses;
  };

  it('with TRUST_PROXY=1, counts each client behind the proxy apart, and a forged header cannot escape the count', async () => {
    const app = await startApp(REAL_KB, { CHAT_RATE_LIMIT: '2', TRUST_PROXY: '1' });
    try {
      expect(await burst(app.url, ['203.0.113.5'], 3)).toEqual([200, 200, 429]);
      expect(await burst(app.url, ['203.0.113.6'], 2)).toEqual([200, 200]);
      // The client wrote the left part itself; the proxy appended the real address.
      expect(await burst(app.url, ['198.51.100.1', '203.0.113.5'], 1)).toEqual([429]);
      // IPv6 clients are counted by their /64: rotating the rest of the address does not help.
      expect(await burst(app.url, ['[2001:db8:1:2::1]:443'], 2)).toEqual([200, 200]);
      expect(await burst(app.url, ['2001:db8:1:2:ffff::9'], 1)).toEqual([429]);
    } finally {
      await app.close();
    }
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For (anyone could write it)', async () => {
    const app = await startApp(REAL_KB, { CHAT_RATE_LIMIT: '2' });
    try {
      const statuses = [
        (await post(`${app.url}/api/chat`, chatMessage('hello', 'a'), { 'x-forwarded-for': '203.0.113.1' })).status,
        (await post(`${app.url}/api/chat`, chatMessage('hello', 'b'), { 'x-forwarded-for': '203.0.113.2' })).status,
        (await post(`${app.url}/api/chat`, chatMessage('hello', 'c'), { 'x-forwarded-for': '203.0.113.3' })).status,
      ];
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('hardening: what people type never reaches the log, even at LOG_LEVEL=debug or trace', () => {
  /** Words that appear in no log line of their own accord: found in the log, they can only have come from a message. */
  const DISTINCTIVE = ['zebra', 'marmalade', 'Zebediah', 'quokka', 'tangerine', 'narwhal', 'saxophone', 'Bartholomew', 'pumpernickel', 'flamingo', 'xylophone', 'kumquat', '07700', '900123', 'wombat.jones', 'example.com'];

  /** State in memory, except that one conversation's state cannot be read: its turn fails inside. */
  class StorageFailingFor extends MemoryStorage {
    constructor(private readonly conversation: string) {
      super();
    }
    override read(keys: string[]): Promise<StoreItems> {
      return keys.some((key) => key.includes(this.conversation)) ? Promise.reject(new Error('storage is down')) : super.read(keys);
    }
  }

  it('logs each turn\'s outcome (kind, entry) and no word of the messages, on both routes, answered, refused or failed', async () => {
    const { logger, lines, raw } = capturedLogger();
    // Past debug: trace, the most verbose level there is.
    logger.level = 'trace';
    const app = await startApp(REAL_KB, { LOG_LEVEL: 'trace', CHAT_RATE_LIMIT: '1000' }, { logger, storage: new StorageFailingFor('failing-conversation') });
    try {
      const messages = (text: string, conversation: string) => post(`${app.url}/api/messages`, activity(text, { conversation: { id: conversation } }));
      const chat = (text: string, conversation: string) => post(`${app.url}/api/chat`, { type: 'message', text, from: { id: 'log-user' }, conversation: { id: conversation } });
      const texts = async (response: Response) => ((await response.json()) as { activities: { text?: string }[] }).activities.map((a) => a.text ?? '').join('\n');

      // Ordinary questions, answered.
      expect(await texts(await messages('When was the COP guidelines launch event? I am asking for my zebra', 'log-1'))).toContain('24 June 2020');
      expect(await texts(await chat('My name is Zebediah Quokka. When was the launch event?', 'log-2'))).toContain('24 June 2020');
      // Questions the bot cannot answer (kept, redacted, for the organisers: never in the log).
      expect(await texts(await messages('how do I cook zebra-marmalade?', 'log-3a'))).toMatch(/Sorry, I don.t know/);
      expect(await texts(await chat('what do narwhals play on the saxophone with tangerines?', 'log-3'))).toMatch(/Sorry, I don.t know/);
      // A safety disclosure, with personal data in it.
      const disclosure = await texts(await messages('my uncle Bartholomew touches me and I hate it, call me on 07700 900123', 'log-4'));
      expect(disclosure).toMatch(/not your fault/);
      expect(await texts(await chat('my uncle Bartholomew touches me, e-mail me at wombat.jones@example.com', 'log-5'))).toMatch(/not your fault/);
      // Messages that fail: a malformed body, an activity refused for its shape, and a turn that fails inside.
      expect((await post(`${app.url}/api/messages`, '{"type":"message","text":"pumpernickel flamingo')).status).toBe(400);
      expect((await post(`${app.url}/api/chat`, '{"type":"message","text":"pumpernickel flamingo"')).status).toBe(400);
      expect((await post(`${app.url}/api/messages`, activity('xylophone kumquat', { from: { name: 'no id' } }))).status).toBe(400);
      expect((await post(`${app.url}/api/chat`, { type: 'message', text: 'xylophone kumquat', from: { id: 'log-user' } })).status).toBe(400);
      expect(await texts(await messages('kumquat xylophone launch date?', 'failing-conversation'))).toMatch(/something went wrong on my side/);
      expect(await texts(await chat('kumquat xylophone launch date?', 'failing-conversation'))).toMatch(/something went wrong on my side/);

      // What the log holds: the outcome of each turn, the refused requests and the failed turns...
      const turns = lines.filter((line) => line.msg === 'turn');
      expect(turns).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ channel: 'emulator', kind: 'answer', entry: 'event.date' }),
          expect.objectContaining({ channel: 'webchat', kind: 'answer', entry: 'event.date' }),
          expect.objectContaining({ channel: 'emulator', kind: 'fallback', entry: null }),
          expect.objectContaining({ channel: 'webchat', kind: 'fallback', entry: null }),
          expect.objectContaining({ channel: 'emulator', kind: 'safety', entry: 'safety.sexual-abuse' }),
          expect.objectContaining({ channel: 'webchat', kind: 'safety', entry: 'safety.sexual-abuse' }),
        ]),
      );
      expect(turns).toHaveLength(6);
      expect(lines.filter((line) => line.msg === 'request refused')).toHaveLength(4);
      expect(lines.filter((line) => line.msg === 'turn failed')).toHaveLength(2);
      // ... and none of the words people typed, in any line, at any level.
      const log = raw.join('\n').toLowerCase();
      expect(DISTINCTIVE.filter((word) => log.includes(word.toLowerCase()))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

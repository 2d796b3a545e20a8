import fc from 'fast-check';
import http from 'node:http';
import { REAL_KB } from '../helpers/kbFolder';
import { startApp } from '../helpers/http';
import { RUNS, anyJson, anyText } from '../helpers/fuzz';

/** One raw request; resolves with the status (0 if the connection was refused or reset: a crash). */
function send(url: string, method: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const request = http.request(url, { method, headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve(0));
    request.end(body);
  });
}

describe('the real server, on generated requests', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => (app = await startApp(REAL_KB, { CHAT_RATE_LIMIT: '10000', ADMIN_TOKEN: 'a-fuzzing-admin-token' })));
  afterAll(() => app?.close());

  it('answers every generated request with a 2xx, 3xx or 4xx, and stays up', async () => {
    const route = fc.constantFrom('/api/messages', '/api/chat', '/api/directline/token', '/healthz', '/', '/webchat/chat.js', '/webchat/__proto__', '/admin/report?since=7d', '/nope', '/api/messages/../../etc/passwd');
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH');
    const contentType = fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '');
    const encoding = fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'identity');
    const activity = fc.record({ type: fc.oneof(fc.constantFrom('message', 'event', 'conversationUpdate', 'invoke'), anyText), text: fc.oneof(anyText, anyJson), channelId: fc.oneof(fc.constantFrom('emulator', 'msteams', 'webchat'), anyText), conversation: fc.oneof(fc.record({ id: anyText }), anyJson), from: fc.oneof(fc.record({ id: anyText }), anyJson), deliveryMode: fc.constantFrom('expectReplies', 'normal'), serviceUrl: fc.oneof(fc.webUrl(), anyText), entities: anyJson, membersAdded: anyJson, locale: anyText }, { requiredKeys: [] });
    const body = fc.oneof(activity.map((a) => Buffer.from(JSON.stringify(a))), anyJson.map((j) => Buffer.from(JSON.stringify(j) ?? '')), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)));
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(route, method, contentType, encoding, body, async (path, verb, type, coding, bytes) => {
        const headers: Record<string, string> = { 'content-type': type, ...(coding ? { 'content-encoding': coding } : {}) };
        const status = await send(`${app.url}${path}`, verb, headers, verb === 'GET' || verb === 'HEAD' ? Buffer.alloc(0) : bytes);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: RUNS.http },
    );
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    // Some of each kind of answer were seen: the generator reaches both the bot and the refusals.
    expect([...statuses.keys()].some((status) => status === 200)).toBe(true);
    expect([...statuses.keys()].some((status) => status === 415)).toBe(true);
  });
});

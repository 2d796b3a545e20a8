import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMALL_KB } from '../helpers/kbFolder';
import { post, startApp } from '../helpers/http';

interface Seen {
  path: string;
  authorization?: string;
  body: { user?: { id?: string } };
}

/** A stand-in for Direct Line's token service on 127.0.0.1: answers `status`, records what it was sent. */
async function startStubDirectLine(status = 200) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(data || '{}') as Seen['body'] });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? JSON.stringify({ conversationId: 'conv-from-azure', token: 'short-lived-token', expires_in: 3600 }) : JSON.stringify({ error: { code: 'BadArgument' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('POST /api/directline/token', () => {
  it('exchanges the secret for a token bound to the browser\'s user id, and never returns the secret', async () => {
    const directLine = await startStubDirectLine();
    const app = await startApp(SMALL_KB, { DIRECT_LINE_SECRET: 'the-secret', DIRECT_LINE_ENDPOINT: directLine.url, WEBCHAT_TRANSPORT: 'directline' });
    try {
      const response = await post(`${app.url}/api/directline/token`, { userId: 'browser-123' });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(text).not.toContain('the-secret');
      expect(JSON.parse(text)).toEqual({ token: 'short-lived-token', conversationId: 'conv-from-azure', userId: 'dl_browser-123', expiresIn: 3600, domain: directLine.url });
      expect(directLine.seen).toEqual([{ path: '/v3/directline/tokens/generate', authorization: 'Bearer the-secret', body: { user: { id: 'dl_browser-123', name: 'User' } } }]);
    } finally {
      await app.close();
      await directLine.close();
    }
  });

  it('makes up a user id when the browser sends none or a strange one', async () => {
    const directLine = await startStubDirectLine();
    const app = await startApp(SMALL_KB, { DIRECT_LINE_SECRET: 'the-secret', DIRECT_LINE_ENDPOINT: directLine.url });
    try {
      const body = (await (await post(`${app.url}/api/directline/token`, { userId: '<script>' })).json()) as { userId: string };
      expect(body.userId).toMatch(/^dl_[0-9a-f-]{36}$/);
    } finally {
      await app.close();
      await directLine.close();
    }
  });

  it('answers 502, without details, when Direct Line refuses', async () => {
    const directLine = await startStubDirectLine(403);
    const app = await startApp(SMALL_KB, { DIRECT_LINE_SECRET: 'wrong-secret', DIRECT_LINE_ENDPOINT: directLine.url });
    try {
      const response = await post(`${app.url}/api/directline/token`, {});
      expect(response.status).toBe(502);
      expect(await response.text()).not.toMatch(/secret|403/);
    } finally {
      await app.close();
      await directLine.close();
    }
  });

  it('is 404 when no secret is configured, and refuses other sites', async () => {
    const app = await startApp(SMALL_KB, { CHAT_ALLOWED_ORIGINS: 'https://partner.example.org' });
    try {
      expect((await post(`${app.url}/api/directline/token`, {})).status).toBe(404);
      expect((await post(`${app.url}/api/directline/token`, {}, { origin: 'https://elsewhere.example.com' })).status).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('rate-limits token requests like chat messages', async () => {
    const directLine = await startStubDirectLine();
    const app = await startApp(SMALL_KB, { DIRECT_LINE_SECRET: 'the-secret', DIRECT_LINE_ENDPOINT: directLine.url, CHAT_RATE_LIMIT: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(`${app.url}/api/directline/token`, {})).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.close();
      await directLine.close();
    }
  });
});

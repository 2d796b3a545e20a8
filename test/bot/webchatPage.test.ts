import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { WEBCHAT_BUNDLE } from '../../bot/webchat/page';
import { SMALL_KB } from '../helpers/kbFolder';
import { startApp } from '../helpers/http';

describe('GET / (the Web Chat page) and its files', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(
    async () =>
      (app = await startApp(SMALL_KB, {
        WEBCHAT_TITLE: 'Guide <Bot> & co',
        WEBCHAT_ACCENT_COLOR: '#123456',
        WEBCHAT_AVATAR_INITIALS: 'GB',
        CHAT_ALLOWED_ORIGINS: 'https://partner.example.org',
      })),
  );
  afterAll(() => app?.close());

  it('serves the page with the configured name (escaped), colours, and only local scripts', async () => {
    const response = await fetch(`${app.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>Guide &lt;Bot&gt; &amp; co</title>');
    expect(html).toContain('<h1>Guide &lt;Bot&gt; &amp; co</h1>');
    expect(html).toContain('--cop-accent: #123456');
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/aria-label="Chat with Guide &lt;Bot&gt; &amp; co"/);
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['/webchat/webchat.js', '/webchat/chat.js']);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('sets a Content-Security-Policy with a fresh style nonce each time, and framing only by configured sites', async () => {
    const [first, second] = await Promise.all([fetch(`${app.url}/`), fetch(`${app.url}/`)]);
    const policy = first.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("connect-src 'self';");
    expect(policy).toContain("frame-ancestors 'self' https://partner.example.org");
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(await first.text()).toContain(`data-nonce="${nonce}"`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves Web Chat from the npm package, gzipped, and answers 304 to a browser that has it', async () => {
    const response = await fetch(`${app.url}/webchat/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toContain('max-age=86400');
    // fetch unzips for us: the bytes are Web Chat's own bundle.
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(WEBCHAT_BUNDLE))).toBe(true);
    const again = await fetch(`${app.url}/webchat/webchat.js`, { headers: { 'if-none-match': response.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('sends the gzipped bytes only to browsers that accept them', async () => {
    const { request } = await import('node:http');
    const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      request(`${app.url}/webchat/chat.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(gunzipSync(raw.body).toString()).toContain('createChatConnection');
  });

  it('publishes the theme for pages of other sites that embed the chat', async () => {
    const response = await fetch(`${app.url}/webchat/settings.json`);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ title: 'Guide <Bot> & co', accentColor: '#123456', backgroundColor: '#f4f6f9', avatarInitials: 'GB', avatarPath: '/webchat/avatar', transport: 'chat' });
  });

  it('serves the avatar and the stylesheet, and 404s anything else', async () => {
    expect((await fetch(`${app.url}/webchat/avatar`)).headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(`${app.url}/webchat/page.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    const missing = await fetch(`${app.url}/webchat/..%2Fconfig.ts`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${app.url}/webchat/secrets.json`)).status).toBe(404);
  });
});

describe('the page with Direct Line', () => {
  it('lets the page connect to the configured Direct Line service, and says so in its settings', async () => {
    const app = await startApp(SMALL_KB, { WEBCHAT_TRANSPORT: 'directline', DIRECT_LINE_SECRET: 'secret-value', DIRECT_LINE_ENDPOINT: 'https://europe.directline.botframework.com/v3/directline' });
    try {
      const page = await fetch(`${app.url}/`);
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' https://europe.directline.botframework.com wss://europe.directline.botframework.com;");
      const settings = (await (await fetch(`${app.url}/webchat/settings.json`)).json()) as Record<string, unknown>;
      expect(settings.transport).toBe('directline');
      expect(JSON.stringify(settings)).not.toContain('secret-value');
      expect(await page.text()).not.toContain('secret-value');
    } finally {
      await app.close();
    }
  });
});

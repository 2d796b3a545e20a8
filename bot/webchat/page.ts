import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { WebChatSettings } from '../config';
import { assetOf, fileAsset, sendAsset, setCommonHeaders, type Asset } from './assets';
import { escapeHtml } from '../html';
import { RequestRefused } from '../httpErrors';

export interface WebChatPageOptions {
  settings: WebChatSettings;
  /** The Direct Line service the page may connect to, when it uses Direct Line. */
  directLineEndpoint: string;
  /** Other sites allowed to embed the page in a frame. */
  allowedOrigins: readonly string[];
}

/** Web Chat's own browser bundle, from the npm package (its `exports` hide `dist/`, so it is found beside `lib/`). */
export const WEBCHAT_BUNDLE = path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
const PUBLIC = path.join(__dirname, 'public');

/** Versioned by content, so a browser may keep the 4 MB bundle for a day; the page's own files are checked each time. */
const BUNDLE_CACHE = 'public, max-age=86400';
const CHECK_EACH_TIME = 'no-cache';

/** What the page script needs to know, public (also fetched by pages of other sites that embed the chat). */
export function publicSettings(settings: WebChatSettings) {
  return {
    title: settings.title,
    accentColor: settings.accentColor,
    backgroundColor: settings.backgroundColor,
    avatarInitials: settings.avatarInitials,
    avatarPath: '/webchat/avatar',
    transport: settings.transport,
  };
}

/**
 * Allows an empty inline <style> element, and nothing else: react-scroll-to-bottom (inside Web Chat) creates one
 * without the nonce and fills it through the CSSOM, which CSP does not check. Without it the transcript's
 * scrolling styles would be blocked.
 */
const EMPTY_STYLE_HASH = `sha256-${createHash('sha256').update('').digest('base64')}`;

/**
 * The page's Content-Security-Policy: scripts only from the bot itself, Web Chat's styles only with this
 * response's nonce, connections only back to the bot (and Direct Line when it is used), no framing but by
 * the configured sites.
 */
export function contentSecurityPolicy(nonce: string, options: WebChatPageOptions): string {
  const directLine = options.settings.transport === 'directline' ? directLineSources(options.directLineEndpoint) : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    `connect-src 'self'${directLine}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors 'self'${options.allowedOrigins.map((o) => ` ${o}`).join('')}`,
  ].join('; ');
}

/** Direct Line is reached over https (posts, token refresh) and wss (the activity stream). */
function directLineSources(endpoint: string): string {
  const { host, protocol } = new URL(endpoint);
  return ` ${protocol}//${host} ${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}`;
}

/** The page itself: a header with the bot's name and avatar, the chat, a privacy note. Web Chat fills `#chat`. */
export function renderPage(settings: WebChatSettings, nonce: string): string {
  const title = escapeHtml(settings.title);
  const subtitle = escapeHtml(settings.subtitle);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${subtitle}">
<meta name="theme-color" content="${settings.accentColor}">
<link rel="icon" href="/webchat/avatar">
<link rel="stylesheet" href="/webchat/page.css">
<style nonce="${nonce}">:root { --cop-accent: ${settings.accentColor}; --cop-background: ${settings.backgroundColor}; }</style>
</head>
<body>
<header class="cop-header">
  <img class="cop-avatar" src="/webchat/avatar" alt="" width="40" height="40">
  <div>
    <h1>${title}</h1>
    <p>${subtitle}</p>
  </div>
</header>
<main class="cop-main">
  <section id="chat" class="cop-chat" aria-label="Chat with ${title}">
    <p class="cop-status" role="status">Loading the chat…</p>
  </section>
  <p class="cop-note">${title} is a computer program, not a person. Please don't share personal details such as your phone number, e-mail or home address. If you are in danger right now, call your local emergency number.</p>
</main>
<noscript><p class="cop-status">The chat needs JavaScript. Please turn it on, or use a browser that has it.</p></noscript>
<script src="/webchat/webchat.js"></script>
<script src="/webchat/chat.js" data-target="chat" data-nonce="${nonce}"></script>
</body>
</html>
`;
}

/**
 * `GET /` and `/webchat/*`: the Web Chat page and every file it uses, all served by the bot (no CDN).
 * Files are read once at start-up, from the npm package and from `public/`.
 */
export function addWebChatPage(server: Server, options: WebChatPageOptions): void {
  // A Map, not an object: a request for /webchat/__proto__ or /webchat/constructor finds nothing.
  const assets = new Map<string, { asset: Asset; cache: string; headers?: Record<string, string> }>(Object.entries({
    'webchat.js': { asset: fileAsset(WEBCHAT_BUNDLE), cache: BUNDLE_CACHE },
    'chat.js': { asset: fileAsset(path.join(PUBLIC, 'chat.js')), cache: CHECK_EACH_TIME },
    'page.css': { asset: fileAsset(path.join(PUBLIC, 'page.css')), cache: CHECK_EACH_TIME },
    avatar: { asset: fileAsset(options.settings.avatarFile), cache: CHECK_EACH_TIME, headers: { 'Access-Control-Allow-Origin': '*' } },
    // Public by design: pages of other sites that embed the chat read it too.
    'settings.json': { asset: assetOf(JSON.stringify(publicSettings(options.settings)), 'application/json; charset=utf-8'), cache: CHECK_EACH_TIME, headers: { 'Access-Control-Allow-Origin': '*' } },
  }));

  const page = async (req: Request, res: Response) => {
    // A fresh nonce per response: only this response's inline styles may apply.
    const nonce = randomBytes(16).toString('base64');
    setCommonHeaders(res);
    res.header('Content-Security-Policy', contentSecurityPolicy(nonce, options));
    res.header('Cache-Control', 'no-store');
    const html = Buffer.from(renderPage(options.settings, nonce));
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': html.length });
    res.end(req.method === 'HEAD' ? undefined : html);
  };
  server.get('/', page);
  server.head('/', page);

  const asset = async (req: Request, res: Response) => {
    const found = assets.get(String(req.params.name));
    if (!found) throw new RequestRefused(404, 'no such file');
    sendAsset(req, res, found.asset, found.cache, found.headers);
  };
  server.get('/webchat/:name', asset);
  server.head('/webchat/:name', asset);
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'restify';

/** A file served from memory: read, hashed and compressed once, at start-up. */
export interface Asset {
  body: Buffer;
  gzipped: Buffer;
  contentType: string;
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

/** An asset from bytes in memory (a generated page or settings). */
export function assetOf(body: Buffer | string, contentType: string): Asset {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return { body: bytes, gzipped: gzipSync(bytes), contentType, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
}

const fileAssets = new Map<string, Asset>();

/**
 * An asset from a file; the content type comes from its extension. Read and compressed once per process (Web
 * Chat's bundle takes a noticeable moment to gzip), however many servers are built: files change only with a restart.
 */
export function fileAsset(file: string): Asset {
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (!contentType) throw new Error(`No content type known for ${file}`);
  let asset = fileAssets.get(file);
  if (!asset) {
    asset = assetOf(readFileSync(file), contentType);
    fileAssets.set(file, asset);
  }
  return asset;
}

/** Headers every page and asset gets: no content-type guessing, no referrer leaving for other sites. */
export function setCommonHeaders(res: Response): void {
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'no-referrer');
}

/**
 * Sends an asset: gzipped when the browser accepts it, 304 when the browser's copy is current.
 * `cacheControl` says how long a browser may keep it without asking.
 */
export function sendAsset(req: Request, res: Response, asset: Asset, cacheControl: string, headers: Record<string, string> = {}): void {
  setCommonHeaders(res);
  res.header('Cache-Control', cacheControl);
  res.header('ETag', asset.etag);
  res.header('Vary', 'Accept-Encoding');
  for (const [name, value] of Object.entries(headers)) res.header(name, value);
  if (req.header('if-none-match') === asset.etag) {
    res.writeHead(304);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
  const body = gzip ? asset.gzipped : asset.body;
  res.writeHead(200, { 'Content-Type': asset.contentType, 'Content-Length': body.length, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

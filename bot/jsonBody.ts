import type { Next, Request, Response } from 'restify';
import { RequestRefused } from './httpErrors';

/** Largest request body accepted: an activity is a few kilobytes. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Deepest nesting accepted: an activity is a handful of levels deep; thousands would overflow the stack later. */
export const MAX_DEPTH = 32;
/** Longest a client may take to send the body once the headers are in: slow senders do not hold connections. */
export const BODY_TIMEOUT_MS = 10_000;

/** Why a body was refused: the status and a short reason for the caller. */
export interface BodyRefusal {
  status: 400 | 408 | 413 | 415;
  error: string;
}

/** A JSON media type: `application/json`, with at most a UTF-8 charset. */
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * What the headers alone say against a body: it must be uncompressed JSON of a declared or unknown length under
 * the limit. Compressed bodies are refused rather than inflated, so the limit counts the bytes actually read and a
 * small "gzip bomb" never becomes a large one in memory; forms and multipart uploads are refused before any byte
 * is read, so nothing is ever written to disk.
 */
export function headerRefusal(headers: Request['headers'], maxBytes: number): BodyRefusal | undefined {
  const encoding = String(headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== '') return { status: 415, error: 'compressed request bodies are not accepted: send plain JSON' };
  if (!JSON_TYPE.test(String(headers['content-type'] ?? '').trim())) return { status: 415, error: 'send the body as JSON, with Content-Type: application/json' };
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return { status: 413, error: `the body is larger than ${maxBytes} bytes` };
  return undefined;
}

/** Reads the whole body, stopping as soon as it passes the limit (a missing or false Content-Length cannot get round it). */
export function readBody(req: Request, maxBytes: number, timeoutMs = BODY_TIMEOUT_MS): Promise<Buffer | BodyRefusal> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: Buffer | BodyRefusal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      resolve(result);
    };
    const timer = setTimeout(() => {
      req.pause();
      settle({ status: 408, error: `the body did not arrive within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop reading: the rest is discarded, and the connection closed once the answer is sent.
        req.pause();
        settle({ status: 413, error: `the body is larger than ${maxBytes} bytes` });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(Buffer.concat(chunks, size)));
    req.once('error', () => settle({ status: 400, error: 'the body could not be read' }));
    req.once('aborted', () => settle({ status: 400, error: 'the body could not be read' }));
  });
}

/** How deeply a JSON text nests, counted on its brackets (outside strings) before anything is built from it. */
export function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

/** Parses a body as a JSON value; a refusal says why not. */
export function parseJson(bytes: Buffer): { value: unknown } | BodyRefusal {
  if (bytes.length === 0) return { status: 400, error: 'the request has no body; send a JSON object' };
  const text = bytes.toString('utf8');
  if (nestingDepth(text) > MAX_DEPTH) return { status: 400, error: `the body nests deeper than ${MAX_DEPTH} levels` };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { status: 400, error: 'the body is not valid JSON' };
  }
}

/**
 * Route middleware for every POST route: accepts `application/json` only, uncompressed and within `maxBytes`,
 * and puts the parsed value on `req.body`. Anything else gets 4xx with a short reason and the route never runs.
 */
export function jsonBody(maxBytes = MAX_BODY_BYTES) {
  return function jsonBodyParser(req: Request, res: Response, next: Next): void {
    const refused = (refusal: BodyRefusal) => {
      // An unread or half-read body must not be taken for the next request on this connection.
      res.header('Connection', 'close');
      next(new RequestRefused(refusal.status, refusal.error));
    };
    const early = headerRefusal(req.headers, maxBytes);
    if (early) return refused(early);
    void readBody(req, maxBytes).then((bytes) => {
      if (!Buffer.isBuffer(bytes)) return refused(bytes);
      const parsed = parseJson(bytes);
      if (!('value' in parsed)) return refused(parsed);
      req.body = parsed.value;
      next();
    });
  };
}

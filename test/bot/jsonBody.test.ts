import { getDefaultHighWaterMark, Readable } from 'node:stream';
import type { Request } from 'restify';
import { headerRefusal, parseJson, readBody } from '../../bot/jsonBody';

describe('reading a JSON request body', () => {
  it.each([
    [{ 'content-type': 'application/json' }, undefined],
    [{ 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'identity' }, undefined],
    [{ 'content-type': 'application/json', 'content-encoding': 'gzip' }, 415],
    [{ 'content-type': 'application/x-www-form-urlencoded' }, 415],
    [{ 'content-type': 'multipart/form-data; boundary=x' }, 415],
    [{ 'content-type': 'text/plain' }, 415],
    [{}, 415],
    [{ 'content-type': 'application/json', 'content-length': '2000' }, 413],
  ])('headers %j → %p', (headers, status) => {
    expect(headerRefusal(headers, 1024)?.status).toBe(status);
  });

  it('stops reading as soon as the body passes the limit', async () => {
    let pulled = 0;
    const stream = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(512, 'a'));
        if (pulled > 1000) this.push(null);
      },
    });
    const result = await readBody(stream as unknown as Request, 1024);
    expect(result).toEqual({ status: 413, error: 'the body is larger than 1024 bytes' });
    // Nothing more is read than the stream buffers on its own (16 KiB on Node 20, 64 KiB from Node 22), out of half a
    // megabyte on offer.
    expect(pulled * 512).toBeLessThanOrEqual(1024 + getDefaultHighWaterMark(false) + 2 * 512);
  });

  it('reads a body within the limit whole', async () => {
    const result = await readBody(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]) as unknown as Request, 1024);
    expect(Buffer.isBuffer(result) && result.toString()).toBe('{"a":1}');
  });

  it.each([
    ['{"type":"message"}', { value: { type: 'message' } }],
    ['{"status": 400, "error": "x"}', { value: { status: 400, error: 'x' } }],
    ['', { status: 400, error: 'the request has no body; send a JSON object' }],
    ['{"type":', { status: 400, error: 'the body is not valid JSON' }],
  ])('parses %p', (text, expected) => {
    expect(parseJson(Buffer.from(text))).toEqual(expected);
  });
});

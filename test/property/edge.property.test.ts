import fc from 'fast-check';
import { activityProblem } from '../../bot/activityCheck';
import { chatActivity } from '../../bot/chatRoute';
import { clientAddress, rateLimitKey } from '../../bot/clientAddress';
import { headerRefusal, parseJson } from '../../bot/jsonBody';
import { RUNS, anyJson, anyText } from '../helpers/fuzz';

/** An activity that is almost right: a valid one with any field replaced by anything. */
const nearlyAnActivity = fc
  .record({
    field: fc.constantFrom('type', 'channelId', 'conversation', 'from', 'recipient', 'text', 'locale', 'entities', 'membersAdded', 'serviceUrl', 'deliveryMode', 'attachments', 'channelData', 'value'),
    value: fc.oneof(anyJson, fc.constant(undefined), fc.array(anyJson, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 })),
  })
  .map(({ field, value }) => ({
    type: 'message',
    channelId: 'emulator',
    conversation: { id: 'c' },
    from: { id: 'u' },
    text: 'hi',
    deliveryMode: 'expectReplies',
    [field]: value,
  }));

describe('the edge, on generated input (no input throws; only what the bot can read gets through)', () => {
  it('checks any JSON body or near-activity against the schema without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, nearlyAnActivity), fc.boolean(), (body, localMode) => {
        const problem = activityProblem(body, { localMode });
        if (problem) {
          expect([400, 403]).toContain(problem.status);
          expect(problem.error.length).toBeLessThan(300);
          return;
        }
        // What passes is what the turn reads: strings where strings are read, a loopback reply address in local mode.
        const activity = body as { text?: unknown; from: { id: unknown }; conversation: { id: unknown }; serviceUrl?: string };
        expect(typeof activity.from.id).toBe('string');
        expect(typeof activity.conversation.id).toBe('string');
        if (activity.text !== undefined) expect(typeof activity.text).toBe('string');
        if (localMode && activity.serviceUrl !== undefined) expect(new URL(activity.serviceUrl).hostname).toMatch(/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/);
      }),
      { numRuns: RUNS.activitySchema },
    );
  });

  it('builds the chat route\'s activity from any body, or says why not', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, fc.record({ type: fc.constantFrom('message', 'event'), name: fc.oneof(fc.constant('webchat/join'), anyText), text: fc.oneof(anyText, anyJson), from: fc.record({ id: fc.oneof(anyText, anyJson) }), conversation: fc.record({ id: fc.oneof(anyText, anyJson) }), locale: fc.oneof(anyText, anyJson) })), (body) => {
        const built = chatActivity(body);
        if ('error' in built) return;
        expect(built.serviceUrl).toBe('https://webchat.invalid');
        expect(built.channelId).toBe('webchat');
        expect(built.deliveryMode).toBe('expectReplies');
        if (built.type === 'message') expect(typeof built.text).toBe('string');
      }),
      { numRuns: RUNS.chatActivity },
    );
  });

  it('refuses any header set that is not plain JSON, and never throws', () => {
    const headerValue = fc.oneof(fc.constant(undefined), anyText, fc.array(anyText, { maxLength: 3 }), fc.constantFrom('gzip', 'identity', 'deflate, gzip', 'application/json', 'application/json; charset=utf-8', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '999999999', '-1', 'NaN'));
    fc.assert(
      fc.property(headerValue, headerValue, headerValue, (encoding, type, length) => {
        const refusal = headerRefusal({ 'content-encoding': encoding, 'content-type': type, 'content-length': length } as Record<string, string>, 1024);
        const plainEncoding = ['identity', ''].includes(String(encoding ?? 'identity').trim().toLowerCase());
        const plain = plainEncoding && /^application\/json(; charset=utf-8)?$/i.test(String(type ?? '').trim()) && !(Number(length) > 1024);
        expect(refusal === undefined).toBe(plain);
      }),
      { numRuns: RUNS.headers },
    );
  });

  it('parses any bytes as JSON or refuses them with a 400', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)), anyJson.map((value) => Buffer.from(JSON.stringify(value) ?? ''))), (bytes) => {
        const parsed = parseJson(bytes);
        if (!('value' in parsed)) expect(parsed.status).toBe(400);
      }),
      { numRuns: RUNS.jsonBody },
    );
  });

  it('reads a client address from any X-Forwarded-For, falling back to the socket peer', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), anyText), { maxLength: 4 }).map((hops) => hops.join(', '))), fc.integer({ min: 0, max: 10 }), (header, proxies) => {
        const address = clientAddress({ headers: { 'x-forwarded-for': header }, socket: { remoteAddress: '127.0.0.1' } } as never, proxies);
        expect(typeof rateLimitKey(address)).toBe('string');
        if (proxies === 0) expect(address).toBe('127.0.0.1');
      }),
      { numRuns: RUNS.clientAddress },
    );
  });
});

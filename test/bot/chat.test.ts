import type { AddressInfo } from 'node:net';
import { ActivityTypes, type Storage, type TurnContext } from 'botbuilder';
import restify from 'restify';
import type { CopGuideBot } from '../../bot/bot';
import { addChatRoute } from '../../bot/chatRoute';
import { handleErrors } from '../../bot/httpErrors';
import { createLogger } from '../../bot/logger';
import { RateLimiter } from '../../bot/rateLimit';
import { REAL_KB } from '../helpers/kbFolder';
import { emulatorActivity, post, startApp } from '../helpers/http';

interface Replies {
  activities: { type: string; text?: string; suggestedActions?: { actions: { title: string }[] } }[];
}

const fromBrowser = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'message', text, from: { id: 'browser-user-1' }, conversation: { id: 'browser-conversation-1' }, ...extra });

describe('POST /api/chat (the Web Chat page\'s route)', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => (app = await startApp(REAL_KB, { CHAT_RATE_LIMIT: '20', CHAT_ALLOWED_ORIGINS: 'https://partner.example.org' })));
  afterAll(() => app?.close());

  it('returns the replies in the response, whatever serviceUrl or delivery mode the browser sent', async () => {
    const response = await post(`${app.url}/api/chat`, fromBrowser('When was the COP guidelines launch event?', { serviceUrl: 'https://attacker.example', deliveryMode: 'normal', channelId: 'msteams' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Replies;
    expect(body.activities.every((a) => a.type === 'message')).toBe(true);
    expect(body.activities[0].text).toContain('24 June 2020');
    expect(body.activities[0].suggestedActions?.actions.length).toBeGreaterThan(0);
  });

  it('welcomes on the join event, and keeps state for the same browser ids', async () => {
    const join = (await (await post(`${app.url}/api/chat`, { type: 'event', name: 'webchat/join', from: { id: 'browser-user-2' }, conversation: { id: 'browser-conversation-2' } })).json()) as Replies;
    expect(join.activities[0].text).toMatch(/^Hello! I'm the COP Guide Bot/);
    await post(`${app.url}/api/chat`, fromBrowser("I'm 11", { from: { id: 'browser-user-2' }, conversation: { id: 'browser-conversation-2' } }));
    const answer = (await (await post(`${app.url}/api/chat`, fromBrowser('What is child sexual abuse material?', { from: { id: 'browser-user-2' }, conversation: { id: 'browser-conversation-3' } }))).json()) as Replies;
    expect(answer.activities.map((a) => a.text).join('\n')).toMatch(/adult (you|they) trust/);
  });

  it('welcomes someone it knows back with their own topics (a reload of the page)', async () => {
    const ids = { from: { id: 'browser-user-4' }, conversation: { id: 'browser-conversation-4' } };
    await post(`${app.url}/api/chat`, fromBrowser("I'm a teacher", ids));
    const join = (await (await post(`${app.url}/api/chat`, { type: 'event', name: 'webchat/join', ...ids })).json()) as Replies;
    expect(join.activities.map((a) => a.text).join('\n')).toMatch(/^Welcome back! .*still answering for parents, carers and educators/);
    const buttons = join.activities.flatMap((a) => a.suggestedActions?.actions.map((action) => action.title) ?? []);
    expect(buttons).toContain('Make a family online-safety plan');
    expect(buttons).not.toContain('Parent or carer');
  });

  it.each([
    ['not an object', '[1]', /JSON object/],
    ['no user id', JSON.stringify({ type: 'message', text: 'hi', conversation: { id: 'c' } }), /from\.id/],
    ['a strange id', JSON.stringify({ type: 'message', text: 'hi', from: { id: 'a b<script>' }, conversation: { id: 'c' } }), /from\.id/],
    ['another activity type', JSON.stringify({ type: 'invoke', from: { id: 'u' }, conversation: { id: 'c' } }), /only messages/],
    ['a huge text', JSON.stringify(fromBrowser('x'.repeat(5000))), /at most 4000/],
  ])('answers %s with 400 and a reason', async (_name, body, reason) => {
    const response = await post(`${app.url}/api/chat`, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(reason);
  });

  it('allows a configured origin, and refuses another site', async () => {
    const allowed = await post(`${app.url}/api/chat`, fromBrowser('hello'), { Origin: 'https://partner.example.org' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://partner.example.org');
    const refused = await post(`${app.url}/api/chat`, fromBrowser('hello'), { Origin: 'https://elsewhere.example' });
    expect(refused.status).toBe(403);
    const preflight = await fetch(`${app.url}/api/chat`, { method: 'OPTIONS', headers: { Origin: 'https://partner.example.org', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
  });
});

describe('the rate limit of /api/chat', () => {
  it('answers 429 with Retry-After beyond the limit', async () => {
    const app = await startApp(REAL_KB, { CHAT_RATE_LIMIT: '2' });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const response = await post(`${app.url}/api/chat`, fromBrowser('hello', { from: { id: `rate-${i}` } }));
        statuses.push(response.status);
        retryAfter = response.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});

describe('trace activities never reach the Web Chat page (/api/chat)', () => {
  /** A state store that is down: every turn throws, and the one turn-error handler answers. */
  const failingStorage: Storage = {
    read: () => Promise.reject(new Error('storage is down')),
    write: () => Promise.resolve(),
    delete: () => Promise.resolve(),
  };

  it('a turn that fails: the browser gets the apology and no trace (the Emulator\'s route does get the trace)', async () => {
    const app = await startApp(REAL_KB, {}, { storage: failingStorage });
    try {
      const response = await post(`${app.url}/api/chat`, fromBrowser('When was the COP guidelines launch event?', { from: { id: 'failed-turn-user' } }));
      expect(response.status).toBe(200);
      const body = (await response.json()) as Replies;
      expect(body.activities.map((a) => a.type)).toEqual(['message']);
      expect(body.activities[0].text).toBe('Sorry, something went wrong on my side. Please try again.');
      expect(JSON.stringify(body)).not.toMatch(/trace|TurnError|storage is down/i);

      // The same failed turn from the Emulator: its inspector shows the trace, so the chat route is what drops it.
      const emulator = (await (await post(`${app.url}/api/messages`, emulatorActivity('When was the COP guidelines launch event?', { deliveryMode: 'expectReplies' }))).json()) as Replies;
      expect(emulator.activities.map((a) => a.type)).toEqual(['trace', 'message']);
    } finally {
      await app.close();
    }
  });

  /** The chat route alone, over a stand-in bot whose turn is `run`. */
  async function chatRouteOver(run: (context: TurnContext) => Promise<void>) {
    const server = restify.createServer({ handleUncaughtExceptions: false });
    const logger = createLogger('silent');
    handleErrors(server, logger);
    addChatRoute(server, { bot: { run } as unknown as CopGuideBot, logger, hashId: (id) => `hashed-${id.length}`, limiter: new RateLimiter(100), allowedOrigins: [], trustedProxies: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('drops traces a bot sends, one at a time or in a batch, and keeps its messages in order', async () => {
    const route = await chatRouteOver(async (context) => {
      await context.sendTraceActivity('Debug trace', { secret: 'internal state' }, 'https://example.org/debug', 'Debug');
      await context.sendActivity('first reply');
      await context.sendActivities([
        { type: ActivityTypes.Trace, name: 'another trace', value: 'internal state' },
        { type: ActivityTypes.Message, text: 'second reply' },
        { type: ActivityTypes.Trace, name: 'a last trace', value: 'internal state' },
      ]);
    });
    try {
      const response = await post(`${route.url}/api/chat`, fromBrowser('hello'));
      expect(response.status).toBe(200);
      const body = (await response.json()) as Replies;
      expect(body.activities.map((a) => [a.type, a.text])).toEqual([
        ['message', 'first reply'],
        ['message', 'second reply'],
      ]);
      expect(JSON.stringify(body)).not.toContain('internal state');
    } finally {
      await route.close();
    }
  });

  it('a bot whose turn throws: the browser gets the apology and no trace', async () => {
    const route = await chatRouteOver(async () => {
      throw new Error('the bot broke');
    });
    try {
      const response = await post(`${route.url}/api/chat`, fromBrowser('hello'));
      expect(response.status).toBe(200);
      const body = (await response.json()) as Replies;
      expect(body.activities).toEqual([expect.objectContaining({ type: 'message', text: 'Sorry, something went wrong on my side. Please try again.' })]);
      expect(JSON.stringify(body)).not.toMatch(/trace|the bot broke/i);
    } finally {
      await route.close();
    }
  });
});

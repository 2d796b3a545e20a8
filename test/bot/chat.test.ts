import { RateLimiter } from '../../bot/rateLimit';
import { REAL_KB } from '../helpers/kbFolder';
import { post, startApp } from '../helpers/http';

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

  it('counts per client and forgets after a minute', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(60);
    now = 30_000;
    expect(limiter.take('a')).toBe(30);
    now = 60_000;
    expect(limiter.take('a')).toBe(0);
  });
});

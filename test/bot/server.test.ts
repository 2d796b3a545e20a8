import { InsightsDatabase } from '../../bot/insights/database';
import { REAL_KB } from '../helpers/kbFolder';
import { emulatorActivity, post, startApp, startStubConnector } from '../helpers/http';

const activity = (text: string, extra: Record<string, unknown> = {}) => emulatorActivity(text, extra);

interface Replies {
  activities: { type: string; text?: string; suggestedActions?: { actions: { title: string }[] } }[];
}

describe('HTTP end to end, local mode (no app id)', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => (app = await startApp(REAL_KB)));
  afterAll(() => app?.close());

  it('returns the answer in the response body for deliveryMode expectReplies', async () => {
    const response = await post(`${app.url}/api/messages`, activity('When was the COP guidelines launch event?', { deliveryMode: 'expectReplies' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Replies;
    const messages = body.activities.filter((a) => a.type === 'message');
    expect(messages[0].text).toContain('24 June 2020');
    expect(messages[0].suggestedActions?.actions.length).toBeGreaterThan(0);
  });

  it('posts the reply to the serviceUrl of a normal activity', async () => {
    const connector = await startStubConnector();
    try {
      const response = await post(`${app.url}/api/messages`, activity('who opened the launch event?', { serviceUrl: connector.url }));
      expect(response.status).toBe(200);
      expect(connector.received).toHaveLength(1);
      expect(connector.received[0].path).toBe('/v3/conversations/conversation-1/activities/activity-1');
      expect(connector.received[0].body).toMatchObject({ type: 'message', replyToId: 'activity-1', conversation: { id: 'conversation-1' } });
      expect(String(connector.received[0].body.text)).toMatch(/Queen Silvia/);
    } finally {
      await connector.close();
    }
  });

  it.each([
    ['a missing body', '', /no body/],
    ['a JSON array', '[1, 2]', /must be a JSON object/],
    ['a JSON string', '"hello"', /must be a JSON object/],
    ['an object without type', JSON.stringify({ channelId: 'x', conversation: { id: 'c' } }), /no "type"/],
    ['an object without conversation.id', JSON.stringify({ type: 'message', channelId: 'x', conversation: {}, from: { id: 'u' } }), /no "conversation.id"/],
    ['an object without channelId', JSON.stringify({ type: 'message', conversation: { id: 'c' }, from: { id: 'u' } }), /no "channelId"/],
    ['an object without from', JSON.stringify({ type: 'message', channelId: 'x', conversation: { id: 'c' }, deliveryMode: 'expectReplies' }), /no "from"/],
    ['an activity with nowhere to reply', JSON.stringify({ type: 'message', channelId: 'x', conversation: { id: 'c' }, from: { id: 'u' } }), /serviceUrl/],
  ])('answers %s with 400 and a reason, and keeps serving', async (_name, body, reason) => {
    const response = await post(`${app.url}/api/messages`, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error?: string; message?: string }).error ?? '').toMatch(reason);
    const next = await post(`${app.url}/api/messages`, activity('launch date?', { deliveryMode: 'expectReplies' }));
    expect(next.status).toBe(200);
  });

  it('answers malformed JSON with 400 and keeps serving', async () => {
    const response = await post(`${app.url}/api/messages`, '{"type": "message",');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/not valid JSON/);
    const next = await post(`${app.url}/api/messages`, activity('launch date?', { deliveryMode: 'expectReplies' }));
    expect(next.status).toBe(200);
  });

  it('answers a body that is not sent as JSON with 415', async () => {
    const response = await post(`${app.url}/api/messages`, 'hello bot', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
  });

  it('refuses a body over the size limit', async () => {
    const response = await post(`${app.url}/api/messages`, activity('x'.repeat(300 * 1024), { deliveryMode: 'expectReplies' }));
    expect(response.status).toBe(413);
  });

  it('reports health with the knowledge-base version and entry count', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; knowledgeBase: { version: string; entries: number } };
    expect(body.status).toBe('ok');
    expect(body.knowledgeBase.version).toMatch(/^[0-9a-f]{12}$/);
    expect(body.knowledgeBase.entries).toBeGreaterThanOrEqual(20);
  });
});

describe('HTTP end to end, other set-ups', () => {
  it('refuses a request without a token when an app id is configured', async () => {
    const app = await startApp(REAL_KB, { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
    // Nothing goes to the console: one JSON log line at most, no multi-line trace.
    const consoleError = jest.spyOn(console, 'error');
    try {
      const response = await post(`${app.url}/api/messages`, activity('launch date?', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'this bot needs Bot Framework authentication', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
      await app.close();
    }
  });

  it('reports 503 while no knowledge base is loaded, and says so to users', async () => {
    const app = await startApp(REAL_KB, {}, { loadKnowledge: false });
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(503);
      const response = await post(`${app.url}/api/messages`, activity('launch date?', { deliveryMode: 'expectReplies' }));
      const body = (await response.json()) as Replies;
      expect(body.activities[0].text).toMatch(/knowledge base is not loaded/);
    } finally {
      await app.close();
    }
  });
});

describe("HTTP end to end: the organisers' turns table", () => {
  const insights = new InsightsDatabase(':memory:');
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  beforeAll(async () => (app = await startApp(REAL_KB, {}, { insights })));
  afterAll(async () => {
    await app?.close();
    insights.close();
  });

  const say = async (text: string) => {
    const response = await post(`${app?.url}/api/messages`, activity(text, { deliveryMode: 'expectReplies', conversation: { id: 'quiz-conversation' }, from: { id: 'quiz-child' } }));
    return ((await response.json()) as Replies).activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
  };

  it('writes exactly one row per message, for a whole quiz (feedback and the next step come in one turn)', async () => {
    const messages = ["I'm 10", 'Quiz: how safe are you online?'];
    for (const text of messages) await say(text);
    let answers = 0;
    for (let step = 0; step < 10; step++) {
      const seen = await say('1');
      answers++;
      if (seen.some((text) => text.includes('You got'))) break;
    }
    const turns = insights.turnsSince(new Date(0));
    expect(answers).toBeGreaterThanOrEqual(4);
    expect(turns).toHaveLength(messages.length + answers);
    expect(turns.every((turn) => turn.channel === 'emulator' && turn.audience === 'children')).toBe(true);
  });
});

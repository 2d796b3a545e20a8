import http from 'node:http';
import net from 'node:net';
import { runScript, startBot } from '../helpers/run';

/**
 * A POST whose body arrives in two parts: `started` resolves once the server has read the headers (it answers
 * "100 Continue") and the first half of the body is sent; `finish()` sends the rest; `response` is the answer.
 */
function slowPost(url: string, body: object) {
  const json = Buffer.from(JSON.stringify(body));
  const half = Math.floor(json.length / 2);
  const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(json.length), expect: '100-continue' } });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  const started = new Promise<void>((resolve) => request.once('continue', () => request.write(json.subarray(0, half), () => resolve())));
  request.flushHeaders();
  return { started, response, finish: () => request.end(json.subarray(half)) };
}

/** Whether a new TCP connection to the port is accepted ('connected') or refused (the error code). */
function connectTo(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Resolves once `pattern` has appeared in what the process wrote to standard error. */
async function logged(bot: ReturnType<typeof startBot>, pattern: RegExp): Promise<void> {
  while (!pattern.test(bot.stderr())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the bot process (npm start)', () => {
  it('starts on embedded defaults, answers, and shuts down cleanly on SIGTERM', async () => {
    const bot = startBot({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, /"port":(\d+)/);
    const port = /\d+/.exec(await bot.started)?.[0];
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'launch date?', channelId: 'emulator', deliveryMode: 'expectReplies', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } }),
    });
    expect(((await response.json()) as { activities: { text: string }[] }).activities[0].text).toContain('24 June 2020');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stderr()).toMatch(/shutting down/);
    // Every line is one JSON object, Node's own warnings too (restify's DEP0111 on load).
    const lines = bot.stderr().trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as { msg: string })).toContainEqual(expect.objectContaining({ code: 'DEP0111', warning: 'DeprecationWarning' }));
  });

  it('finishes the requests under way on SIGTERM with their full answers, refuses new connections, and exits 0', async () => {
    const bot = startBot({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', KB_WATCH: 'false', DATABASE_FILE: ':memory:' }, /"port":(\d+)/);
    try {
      const port = Number(/\d+/.exec(await bot.started)?.[0]);
      const base = `http://127.0.0.1:${port}`;
      const emulator = slowPost(`${base}/api/messages`, { type: 'message', text: 'When was the COP guidelines launch event?', channelId: 'emulator', deliveryMode: 'expectReplies', conversation: { id: 'c-slow' }, from: { id: 'u-slow' }, recipient: { id: 'b' } });
      const webChat = slowPost(`${base}/api/chat`, { type: 'message', text: 'Who opened the launch event?', from: { id: 'browser-slow' }, conversation: { id: 'browser-conversation-slow' } });
      // Both requests are under way: the server has read their headers and half of their bodies.
      await Promise.all([emulator.started, webChat.started]);

      bot.child.kill('SIGTERM');
      await logged(bot, /shutting down/);
      // No new connection once shutting down, while the two requests are still waiting for the rest of their bodies.
      expect(await connectTo(port)).toBe('ECONNREFUSED');
      expect(bot.child.exitCode).toBeNull();

      emulator.finish();
      webChat.finish();
      const [fromEmulator, fromWebChat] = await Promise.all([emulator.response, webChat.response]);
      expect(fromEmulator.status).toBe(200);
      expect((JSON.parse(fromEmulator.body) as { activities: { text?: string }[] }).activities[0].text).toContain('24 June 2020');
      expect(fromWebChat.status).toBe(200);
      expect((JSON.parse(fromWebChat.body) as { activities: { text?: string }[] }).activities.map((a) => a.text).join('\n')).toContain('Queen Silvia');

      expect(await bot.exited).toBe(0);
      const lines = bot.stderr().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }));
      expect(await connectTo(port)).toBe('ECONNREFUSED');
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  });

  it('refuses to start on a bad setting, naming the variable', () => {
    const { status, stderr } = runScript('bot/index.ts', [], { env: { PORT: 'eighty' } });
    expect(status).toBe(1);
    expect(stderr).toMatch(/PORT must be a whole number from 0 to 65535, got "eighty"/);
  });

  it('refuses to start on a broken knowledge base, naming file and line', () => {
    const { status, stderr } = runScript('bot/index.ts', [], { env: { KB_DIR: 'test/fixtures/no-such-folder' } });
    expect(status).toBe(1);
    expect(stderr).toMatch(/no-such-folder\/entries: the entries folder cannot be read/);
    // Said once, not once per logger and once more on the way out.
    expect(stderr.match(/the entries folder cannot be read/g)).toHaveLength(1);
  });
});

import { runScript, startScript } from '../helpers/run';

describe('the bot process (npm start)', () => {
  it('starts on embedded defaults, answers, and shuts down cleanly on SIGTERM', async () => {
    const bot = startScript('bot/index.ts', { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, /"port":(\d+)/);
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

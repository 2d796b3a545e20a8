import { mkdtempSync, rmSync } from 'node:fs';
import { ContainerClient } from '@azure/storage-blob';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import { runScript, startBot } from '../helpers/run';
import { startAzurite, startPostgres, type RunningAzurite, type RunningPostgres } from '../helpers/services';

/**
 * Scale-out, end to end: two bot processes (started as `npm start` starts one) over one Azurite (state,
 * STATE_STORAGE=blob) and one PostgreSQL (organisers' data and rate limits, DATABASE_URL), as behind a load
 * balancer that sends each message to either.
 */
interface Instance {
  url: string;
  bot: ReturnType<typeof startBot>;
}

let azurite: RunningAzurite;
let postgres: RunningPostgres;
let databaseUrl: string;
let dataFolder: string;
const instances: Instance[] = [];
const CHAT_RATE_LIMIT = 6;

async function startInstance(name: string): Promise<Instance> {
  const bot = startBot(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      KB_WATCH: 'false',
      STATE_STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: 'scale-out',
      DATABASE_URL: databaseUrl,
      // Each instance has a file of its own: with DATABASE_URL set, nothing may be written there.
      DATABASE_FILE: path.join(dataFolder, `${name}.sqlite`),
      CHAT_RATE_LIMIT: String(CHAT_RATE_LIMIT),
    },
    /"port":(\d+)/,
  );
  const port = /\d+/.exec(await bot.started)?.[0];
  const instance = { url: `http://127.0.0.1:${port}`, bot };
  instances.push(instance);
  return instance;
}

interface Reply {
  text: string;
  buttons: string[];
}

/** One message of a user's conversation on the Emulator's route, to the instance the balancer picked. */
async function say(to: Instance, user: string, text: string): Promise<Reply> {
  const response = await fetch(`${to.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text, channelId: 'emulator', deliveryMode: 'expectReplies', locale: 'en-GB', conversation: { id: `conversation-of-${user}` }, from: { id: user }, recipient: { id: 'bot' } }),
  });
  expect(response.status).toBe(200);
  const { activities } = (await response.json()) as { activities: { type: string; text?: string; suggestedActions?: { actions: { title: string }[] } }[] };
  const messages = activities.filter((activity) => activity.type === 'message');
  return { text: messages.map((m) => m.text ?? '').join('\n'), buttons: messages.flatMap((m) => m.suggestedActions?.actions.map((a) => a.title) ?? []) };
}

beforeAll(async () => {
  dataFolder = mkdtempSync(path.join(os.tmpdir(), 'cop-scale-'));
  [azurite, postgres] = await Promise.all([startAzurite(), startPostgres()]);
  databaseUrl = await postgres.database();
}, 120_000);

afterAll(async () => {
  for (const { bot } of instances) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGTERM');
  await Promise.all(instances.map(({ bot }) => bot.exited));
  await Promise.all([azurite?.stop(), postgres?.stop()]);
  rmSync(dataFolder, { recursive: true, force: true });
}, 60_000);

describe('two instances behind a load balancer, over one Azurite and one PostgreSQL', () => {
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    [a, b] = await Promise.all([startInstance('a'), startInstance('b')]);
  }, 60_000);

  it('say who you are on A, get the answer tailored to you on B', async () => {
    const question = 'What is grooming?';
    const untailored = await say(b, 'stranger', question);
    const alone = await say(a, 'single-instance-child', "I'm 11");
    const tailored = await say(a, 'single-instance-child', question);
    expect(tailored.text).not.toEqual(untailored.text);

    expect((await say(a, 'moving-child', "I'm 11")).text).toMatch(/children and young people/);
    expect((await say(b, 'moving-child', question)).text).toEqual(tailored.text);
    expect(alone.text).toMatch(/children and young people/);
  });

  it('a guided flow started on A goes on on B, step by step, and survives A being killed mid-conversation', async () => {
    const user = 'parent-in-a-flow';
    expect((await say(a, user, 'Parent or carer')).buttons).toContain('Make a family online-safety plan');
    expect((await say(b, user, 'Make a family online-safety plan')).text).toMatch(/How old is your child\?/);
    expect((await say(a, user, '9 to 12')).text).toMatch(/Which device does your child use most\?/);
    expect((await say(b, user, 'Smartphone or tablet')).text).toMatch(/What worries you most right now\?/);

    // A dies without warning; the balancer sends everything to B, which knows where the user was.
    a.bot.child.kill('SIGKILL');
    await a.bot.exited;
    const summary = await say(b, user, 'Screen time');
    expect(summary.text).toMatch(/Here is your family's online-safety plan:[\s\S]*- Age:[\s\S]*- Device:[\s\S]*Screen time/);

    // A comes back (a new process, the same stores) and carries on the same conversation.
    a = await startInstance('a-again');
    expect((await say(a, user, 'resume')).text).toMatch(/There is nothing to carry on with/);
  }, 60_000);

  it('votes and unanswered questions from both instances are in one `npm run report`', async () => {
    const answered = await say(a, 'voter', 'When was the launch event?');
    expect(answered.buttons).toContain('👎');
    await say(b, 'voter', '👎');
    await say(a, 'asker-1', 'what is the weather in paris');
    await say(b, 'asker-2', 'weather in paris today?');

    const report = runScript('bot/cli/report.ts', ['--since', '1d'], { env: { DATABASE_URL: databaseUrl, DATABASE_FILE: path.join(dataFolder, 'none.sqlite') } });
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/👎\s+1\s+👍\s+0\s+event\./);
    expect(report.stdout).toMatch(/2 × "(what is the weather in paris|weather in paris today\?)"[^\n]*2 people/);
    // Every message of this file, from either instance, is one turn in the report.
    expect(report.stdout).toMatch(/^Turns: (1[5-9]|[2-9]\d)$/m);
  });

  it('counts one client\'s messages on both instances against one rate limit', async () => {
    const chat = (to: Instance, i: number) =>
      fetch(`${to.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: to.url },
        body: JSON.stringify({ type: 'message', text: 'hello', conversation: { id: `rate-conversation-${i}` }, from: { id: `rate-user-${i}` }, locale: 'en-GB' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < CHAT_RATE_LIMIT; i++) statuses.push((await chat(i % 2 ? b : a, i)).status);
    expect(statuses).toEqual(Array(CHAT_RATE_LIMIT).fill(200));
    // Each instance saw only half: counted apart, both would let the next one through.
    const over = await chat(a, CHAT_RATE_LIMIT);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps no personal data in either shared store: not in the state blobs, not in any PostgreSQL row', async () => {
    await say(a, 'sharer', 'my number is 07700 900123 and my email is kid.secret@example.com, what is the weather in paris?');
    await say(b, 'sharer', 'None of these');
    const blobs = new ContainerClient(azurite.connectionString, 'scale-out');
    const stored: string[] = [];
    for await (const blob of blobs.listBlobsFlat()) stored.push(`${blob.name} ${(await blobs.getBlobClient(blob.name).downloadToBuffer()).toString('utf8')}`);
    const database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();
    try {
      for (const table of ['turns', 'votes', 'misses', 'meta', 'rate_limits']) stored.push(JSON.stringify((await database.query(`SELECT * FROM ${table}`)).rows));
    } finally {
      await database.end();
    }
    const everything = stored.join('\n');
    // What was asked is there, redacted: the store was read, and it holds the question.
    expect(everything).toMatch(/\[phone\][^\n]*weather in paris/);
    for (const personal of ['07700', '900123', 'kid.secret', 'example.com']) expect(everything).not.toContain(personal);
  });

  it('logs where it keeps everything, and no secret', () => {
    const log = b.bot.stderr();
    expect(log).toMatch(/"state":"Azure Blob Storage, container scale-out"/);
    expect(log).toMatch(/"insights":"127\.0\.0\.1:\d+\/cop_test_\d+"/);
    expect(log).not.toContain('test-only');
    expect(log).not.toContain('AccountKey');
  });
});

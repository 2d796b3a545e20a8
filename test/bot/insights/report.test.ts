import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InsightsDatabase } from '../../../bot/insights/database';
import { loadKnowledgeBase } from '../../../knowledge/load';
import { post, startApp } from '../../helpers/http';
import { REAL_KB } from '../../helpers/kbFolder';
import { runScript } from '../../helpers/run';

const TOKEN = 'organiser-token-0123456789';
const PHONE = '07700 900123';
const EMAIL = 'kid.secret@example.com';

type Kind = 'answer' | 'clarify' | 'fallback';
/** One scripted message: who sends it, what, and what kind of reply it must get. */
type Step = [user: string, text: string, kind: Kind];

const answered: string[] = [
  'When was the launch event?',
  'Who opened the launch event?',
  'What are the COP guidelines?',
  'What is cyberbullying?',
  'what is grooming',
  'What is sextortion?',
  'Who is Sango?',
  'are the guidelines available in french',
  'What are the four sets of guidelines?',
  'Is there a recording of the launch event?',
  'What do the guidelines say about parental controls?',
  'What is ITU?',
  'What is new in the 2020 edition?',
  'How can I report child sexual abuse material?',
  'What are the five key areas for industry?',
  'What should governments do about child online protection?',
  'hello',
  'thanks',
  'How do I talk to my child about online safety?',
  'What is grooming?',
  'When was the launch event?',
  'Who is Sango?',
  'What is ITU?',
  'What are the COP guidelines?',
  'Who opened the launch event?',
  'What is cyberbullying?',
];
/** One missing topic, asked eight ways (one with a phone number in it). */
const weather = [
  'what is the weather in paris',
  'weather in Paris today?',
  'will it rain in paris tomorrow',
  'paris weather forecast',
  'is it sunny in paris',
  'how hot is it in Paris',
  "what's the temperature in paris right now",
  `my number is ${PHONE}, what is the weather in paris?`,
];
/** Another, asked four ways (one with an e-mail address). */
const peru = ['what is the capital of peru', 'capital city of peru?', 'which city is the capital of Peru', `email me at ${EMAIL}: what is the capital of peru`];

/** 50 messages from 10 people: answers, two unanswered topics, "did you mean…?" then "None of these", and 👍 / 👎. */
function script(): Step[] {
  const steps: Step[] = [];
  answered.forEach((text, i) => steps.push([`user-${i % 5}`, text, 'answer']));
  weather.forEach((text, i) => steps.push([`user-${5 + (i % 3)}`, text, 'fallback']));
  peru.forEach((text, i) => steps.push([`user-${8 + (i % 2)}`, text, 'fallback']));
  for (const [user, question] of [
    ['user-1', 'launch?'],
    ['user-2', 'guidelines?'],
    ['user-3', 'training?'],
  ]) {
    steps.push([user, question, 'clarify'], [user, 'None of these', 'fallback']);
  }
  // Votes: the vote's own reply is a turn too (an "answer" with no entry).
  steps.push(['user-4', 'What is sextortion?', 'answer'], ['user-4', '👎', 'answer'], ['user-0', 'What is ITU?', 'answer'], ['user-0', '👍', 'answer']);
  steps.push(['user-9', 'who won the football world cup', 'fallback'], ['user-9', 'is it cold in paris', 'fallback']);
  return steps;
}

describe('the organisers\' report after a scripted run of 50 questions through HTTP', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'cop-report-'));
  const databaseFile = path.join(folder, 'insights.sqlite');
  const steps = script();
  let app: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    expect(steps).toHaveLength(50);
    app = await startApp(REAL_KB, { DATABASE_FILE: databaseFile, ADMIN_TOKEN: TOKEN, CHAT_RATE_LIMIT: '1000' });
    for (const [user, text] of steps) {
      const response = await post(`${app.url}/api/chat`, { type: 'message', text, from: { id: user }, conversation: { id: `conversation-${user}` } });
      expect(response.status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('recorded every turn with the kind of reply it got', () => {
    const database = new InsightsDatabase(databaseFile);
    try {
      expect(database.turnsSince(new Date(0)).map((turn) => turn.kind)).toEqual(steps.map(([, , kind]) => kind));
    } finally {
      database.close();
    }
  });

  it('npm run report prints the counts, rates, grouped questions, 👎 and unused entries', () => {
    const { status, stdout, stderr } = runScript('bot/cli/report.ts', ['--since', '1h', '--db', databaseFile, '--html', path.join(folder, 'report.html')]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const count = (kind: Kind) => steps.filter(([, , k]) => k === kind).length;
    expect(stdout).toContain('Turns: 50');
    expect(stdout).toContain('by audience: general 50');
    expect(stdout).toContain('by channel:  webchat 50');
    expect(stdout).toContain(`answered ${count('answer')} (${((100 * count('answer')) / 50).toFixed(1)} %)`);
    expect(stdout).toContain(`did you mean…? ${count('clarify')} (${((100 * count('clarify')) / 50).toFixed(1)} %)`);
    expect(stdout).toContain(`didn't know ${count('fallback')} (${((100 * count('fallback')) / 50).toFixed(1)} %)`);
    // Nine phrasings about the weather in Paris (from four people) are one row; four about Peru another.
    expect(stdout).toMatch(/^\s+9 × "what is the weather in paris" {2}\[didn't know 9; 4 people;/m);
    expect(stdout).toMatch(/^\s+4 × "what is the capital of peru" {2}\[didn't know 4; 2 people;/m);
    expect(stdout).toMatch(/^\s+1 × "launch\?" {2}\[None of these 1; 1 person;/m);
    expect(stdout).toMatch(/👎 {3}1 {2}👍 {3}0 {2}risks\.sextortion/);
    const reachable = loadKnowledgeBase(REAL_KB).entries.filter((entry) => !entry.contextOnly).length;
    expect(stdout).toMatch(new RegExp(`Entries never hit in the period: \\d+ of ${reachable}\\b`));
    expect(stdout).not.toMatch(/Entries never hit[\s\S]*\n {2}event\.date\n/);
    const html = readFileSync(path.join(folder, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('GET /admin/report shows the same, only with the token', async () => {
    expect((await fetch(`${app.url}/admin/report`)).status).toBe(401);
    expect((await fetch(`${app.url}/admin/report`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const response = await fetch(`${app.url}/admin/report?since=1h`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toMatch(/<div class="card"><strong>50<\/strong>turns<\/div>/);
    expect(html).toMatch(/<td class="n">9<\/td><td>what is the weather in paris<ul class="also">/);
    expect(html).toMatch(/<td class="n">4<\/td><td>what is the capital of peru/);
    expect((await fetch(`${app.url}/admin/report?since=soon`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(400);
  });

  it('keeps no personal data from the messages that held some', async () => {
    const database = new InsightsDatabase(databaseFile);
    const misses = database.missesSince(new Date(0));
    database.close();
    expect(misses.map((miss) => miss.question)).toEqual(expect.arrayContaining(['my number is [phone], what is the weather in paris?', 'email me at [email]: what is the capital of peru']));
    const bytes = [databaseFile, `${databaseFile}-wal`].filter(existsSync).map((file) => readFileSync(file).toString('latin1'));
    for (const secret of [PHONE, PHONE.replace(' ', ''), EMAIL, 'kid.secret', 'user-5']) {
      expect(JSON.stringify(misses)).not.toContain(secret);
      for (const content of bytes) expect(content).not.toContain(secret);
    }
  });

  it('npm run kb:suggest proposes alternates only where an entry is close, and new entries for the rest', () => {
    const { status, stdout } = runScript('bot/cli/kbSuggest.ts', ['--db', databaseFile]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Topics that need a new entry \(3\)[\s\S]*- "what is the weather in paris" \(asked 9 times by 4 people\)/);
    expect(stdout).toMatch(/- "what is the capital of peru" \(asked 4 times by 2 people\)/);
    expect(stdout).toMatch(/said "None of these" \(3\)[\s\S]*- "launch\?" \(asked 1 time by 1 person; offered first: event\.what-launched\)/);
    expect(stdout).toMatch(/Answers voted 👎 \(1\)[\s\S]*"What is sextortion\?" → answered with risks\.sextortion/);
  });
});

describe('GET /admin/report without a token configured', () => {
  it('does not exist', async () => {
    const app = await startApp(REAL_KB, {});
    try {
      expect((await fetch(`${app.url}/admin/report`, { headers: { authorization: 'Bearer anything-at-all-here' } })).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});

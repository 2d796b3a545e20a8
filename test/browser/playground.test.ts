import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { freePort, startPlayground, type RunningPlayground } from '../../bot/playground';
import { ARTIFACTS, openBrowser, requestsLeavingLoopback, type Browser } from '../helpers/browser';
import { PROJECT } from '../helpers/run';

/** Starting two processes and a browser, and a few bot turns each, take a while; nothing below sleeps a fixed time. */
jest.setTimeout(180_000);
const WAIT = { timeout: 30_000 };

/**
 * The Agents Playground 0.2.28 cannot run a Teams imBack card button: its card renderer writes into the card it
 * keeps frozen ("Cannot add property msTeams, object is not extensible") and the click does nothing. Letting
 * objects stay writable works around it; the playground then sends the click as the button's data, which the
 * bot reads as the text Teams would have posted.
 */
const UNFREEZE_CARDS = 'Object.freeze = (value) => value;';

describe('the bot in the Microsoft 365 Agents Playground (Teams)', () => {
  let running: RunningPlayground | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    running = await startPlayground({
      botPort: 0,
      botHost: '127.0.0.1',
      playgroundPort: await freePort(),
      openBrowser: false,
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', KB_WATCH: 'false', DATABASE_FILE: ':memory:' },
      output: 'collect',
    });
    browser = await openBrowser({ width: 1280, height: 900 });
    await browser.context.addInitScript({ content: UNFREEZE_CARDS });
    page = browser.page;
    await page.goto(running.url);
    // The log panel repeats every message: hidden, text found on the page is the conversation's.
    await page.getByTitle('Toggle Log Panel').click(WAIT);
  });

  afterAll(async () => {
    const left = browser ? requestsLeavingLoopback(browser.requests) : [];
    await browser?.close();
    await running?.stop();
    // What left this machine (the playground's web fonts from Microsoft's CDN): recorded, not asserted.
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'playground-requests-leaving.txt'), left.map((url) => `${url}\n`).join(''));
  });

  /** Text of the conversation on show, once it is there. */
  const shown = (text: string | RegExp): Locator => page.getByText(text).filter({ visible: true }).first();

  /** The composer of the conversation on show (a channel's "Start a new post" is its first). */
  const composer = (): Locator => page.locator('[data-lexical-editor="true"]').filter({ visible: true }).first();

  /** Types "@COP Guide Bot" as a person does: "@", a few letters, then the bot picked from the suggestions. */
  async function mentionTheBot(box: Locator): Promise<void> {
    await box.pressSequentially('@COP');
    await page.getByRole('menuitem', { name: 'COP Guide Bot' }).click(WAIT);
  }

  it('welcomes, answers with a card of follow-ups, and answers a click on one in the personal chat', async () => {
    await page.getByRole('treeitem', { name: /Personal Chat/ }).click(WAIT);
    await shown("Hello! I'm the COP Guide Bot").waitFor(WAIT);
    await page.getByRole('button', { name: 'Parent or carer' }).first().waitFor(WAIT);

    const box = composer();
    await box.click();
    await box.pressSequentially('When was the launch event?');
    await box.press('Enter');
    await shown(/was on Wednesday 24 June 2020/).waitFor(WAIT);
    const recording = page.getByRole('button', { name: 'Watch the recording' }).last();
    await recording.waitFor(WAIT);
    await page.getByRole('button', { name: '👍' }).last().waitFor(WAIT);
    await browser?.screenshot('playground-personal');

    await recording.click();
    await shown(/recorded webcast of the online dialogue/).waitFor(WAIT);
    await browser?.screenshot('playground-personal-click');
  });

  it('answers an @mention in the group chat as the question it carries, without the name, and offers no vote', async () => {
    await page.getByRole('treeitem', { name: /Online safety group/ }).click(WAIT);
    // The bot introduces itself once, when it is added to the group.
    await shown("Hello! I'm the COP Guide Bot").waitFor(WAIT);

    const box = composer();
    await box.click();
    await mentionTheBot(box);
    // With "COP Guide Bot" left in, this question would be taken for one about the bot itself.
    await box.pressSequentially(' what are the guidelines for industry?');
    await box.press('Enter');
    await shown(/The Guidelines for Industry give companies/).waitFor(WAIT);
    await page.getByRole('button', { name: 'Key areas for companies' }).last().waitFor(WAIT);
    // Nothing of a shared conversation is remembered, so there is no vote to offer.
    expect(await page.getByRole('button', { name: '👍' }).filter({ visible: true }).count()).toBe(0);
    await browser?.screenshot('playground-group');
  });

  it('answers a channel post that @mentions the bot in its thread', async () => {
    await page.getByRole('treeitem', { name: /Questions/ }).click(WAIT);
    const post = composer();
    await post.click();
    await mentionTheBot(post);
    await post.pressSequentially(' who opened the launch event?');
    await page.getByRole('button', { name: 'Post' }).click(WAIT);
    await shown(/Queen Silvia of Sweden gave the opening address/).waitFor(WAIT);
    await browser?.screenshot('playground-channel');
  });
});

describe('npm run playground', () => {
  it('starts both, prints where, and stops both on Ctrl-C', async () => {
    const [botPort, playgroundPort] = [await freePort(), await freePort()];
    const cli = spawn(path.join(PROJECT, 'node_modules', '.bin', 'tsx'), ['bot/cli/playground.ts', '--no-open', '--port', String(playgroundPort)], {
      cwd: PROJECT,
      env: { ...process.env, PORT: String(botPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', KB_WATCH: 'false', DATABASE_FILE: ':memory:' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        cli.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('Ctrl-C stops both.')) resolve();
        });
        void exited.then((code) => reject(new Error(`exited with ${code}:\n${stdout}\n${stderr}`)));
      });
      expect(stdout).toContain(`COP Guide Bot: http://127.0.0.1:${botPort}/api/messages`);
      expect(stdout).toContain(`Microsoft 365 Agents Playground: http://127.0.0.1:${playgroundPort}`);
      expect((await fetch(`http://127.0.0.1:${botPort}/healthz`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${playgroundPort}/`)).text()).toContain('Microsoft 365 Agents Playground');

      cli.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stdout).toContain('SIGINT: stopping the bot and the playground.');
      // Both have let go of their ports.
      expect([await freePort(botPort), await freePort(playgroundPort)]).toEqual([botPort, playgroundPort]);
    } finally {
      if (cli.exitCode === null) cli.kill('SIGKILL');
    }
  });

  it('refuses a bad setting before starting anything, naming it', async () => {
    const cli = spawn(path.join(PROJECT, 'node_modules', '.bin', 'tsx'), ['bot/cli/playground.ts', '--no-open'], { cwd: PROJECT, env: { ...process.env, PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => cli.on('exit', resolve))).toBe(1);
    expect(stderr).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FrameLocator, Page } from 'playwright-core';
import { openBrowser, requestsLeavingLoopback, type Browser } from '../helpers/browser';
import { startApp } from '../helpers/http';
import { REAL_KB } from '../helpers/kbFolder';

const SEEN = { timeout: 20_000 };
// Web Chat typesets apostrophes (’), so texts with one are matched loosely.
const WELCOME = /Hello! I.m the COP Guide Bot/;
jest.setTimeout(120_000);

/**
 * Records Content-Security-Policy violations in every page the browser opens. (Code that runs in the page is
 * passed as text: the project's TypeScript has no DOM types, and should not.)
 */
async function watchPolicyViolations(browser: Browser): Promise<void> {
  await browser.context.addInitScript(`
    window.policyViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.policyViolations.push(event.violatedDirective + ' ' + event.sourceFile));
  `);
}

const policyViolations = (page: Page) => page.evaluate<string[]>('window.policyViolations');
const hasFocus = (page: Page) => page.evaluate<boolean>(`document.activeElement === document.querySelector('[data-id="webchat-sendbox-input"]')`);

/** A message bubble in the transcript that shows this text (the bot's or the user's). */
const said = (page: Page | FrameLocator, text: string | RegExp) => page.locator('.webchat__bubble__content').filter({ hasText: text }).first();

/** A suggested action under the last reply. */
const button = (page: Page, name: string) => page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name });

const sendBox = (page: Page) => page.locator('[data-id="webchat-sendbox-input"]');

async function ask(page: Page, text: string): Promise<void> {
  const box = sendBox(page);
  await box.fill(text);
  await box.press('Enter');
}

describe('the Web Chat page in a real browser (headless Chromium)', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp(REAL_KB);
    browser = await openBrowser();
    await watchPolicyViolations(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('welcomes, answers, follows up, remembers the audience after a reload, and never leaves this machine', async () => {
    const { page } = browser;
    await page.goto(`${app.url}/`);
    await expect(page.title()).resolves.toBe('COP Guide Bot');
    await said(page, WELCOME).waitFor(SEEN);

    // The welcome's "Who are you?" buttons.
    await button(page, 'Parent or carer').click();
    await said(page, 'Guidelines for Parents and Educators').waitFor(SEEN);

    await ask(page, 'When was the launch event?');
    await said(page, 'Wednesday 24 June 2020').waitFor(SEEN);
    const followUp = button(page, 'Watch the recording');
    await followUp.waitFor(SEEN);
    await expect(button(page, 'Start time and length').isVisible()).resolves.toBe(true);

    await followUp.click();
    await said(page, 'recorded webcast of the online dialogue').waitFor(SEEN);
    await browser.screenshot('webchat-answer-and-follow-up');

    // Same browser, same ids: the bot still knows who it is talking to.
    await page.reload();
    await said(page, 'Welcome back!').waitFor(SEEN);
    await expect(said(page, 'still answering for parents, carers and educators').isVisible()).resolves.toBe(true);
    await expect(said(page, 'recorded webcast').count()).resolves.toBe(0);
    await browser.screenshot('webchat-after-reload');

    expect(await policyViolations(page)).toEqual([]);
    expect(requestsLeavingLoopback(browser.requests)).toEqual([]);
    expect(browser.requests.some((url) => url.endsWith('/webchat/webchat.js'))).toBe(true);
  });

  it('fits a phone screen, labels the chat for screen readers, and can be used from the keyboard', async () => {
    // Another person, on a phone: a browser of their own.
    const phoneBrowser = await openBrowser({ width: 390, height: 740 });
    try {
      await watchPolicyViolations(phoneBrowser);
      const phone = phoneBrowser.page;
      await phone.goto(`${app.url}/`);
      await said(phone, WELCOME).waitFor(SEEN);
      await expect(phone.getByRole('region', { name: 'Chat with COP Guide Bot' }).isVisible()).resolves.toBe(true);
      await expect(phone.getByRole('heading', { level: 1, name: 'COP Guide Bot' }).isVisible()).resolves.toBe(true);
      // Nothing wider than the screen: no sideways scrolling on a phone.
      await expect(phone.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
      // Screen readers name the speaker.
      await expect(phone.getByText(/^COP Guide Bot said:/).count()).resolves.toBeGreaterThan(0);

      // Keyboard only: focus reaches the send box, a question is typed and sent with Enter.
      for (let i = 0; i < 30 && !(await hasFocus(phone)); i++) await phone.keyboard.press('Tab');
      await expect(hasFocus(phone)).resolves.toBe(true);
      await phone.keyboard.type('Who opened the launch event?');
      await phone.keyboard.press('Enter');
      await said(phone, 'Queen Silvia').waitFor(SEEN);
      await phoneBrowser.screenshot('webchat-phone');
      expect(await policyViolations(phone)).toEqual([]);
      expect(requestsLeavingLoopback(phoneBrowser.requests)).toEqual([]);
    } finally {
      await phoneBrowser.close();
    }
  });

  it('tells someone who sends messages too quickly (429) to wait a moment, in words, and leaves the chat usable', async () => {
    // A bot of its own with a limit of 2 requests a minute: the welcome (webchat/join) is the first, one question the second.
    const limited = await startApp(REAL_KB, { CHAT_RATE_LIMIT: '2' });
    const page = await browser.context.newPage();
    try {
      await page.goto(`${limited.url}/`);
      await said(page, WELCOME).waitFor(SEEN);
      await ask(page, 'When was the launch event?');
      await said(page, 'Wednesday 24 June 2020').waitFor(SEEN);

      // Past the limit: the bot answers 429, and the page says so in plain words.
      await ask(page, 'Who opened the launch event?');
      await said(page, /You.re sending messages very quickly\. Please wait a moment, then try again\./).waitFor(SEEN);
      await browser.screenshot('webchat-rate-limited', page);
      await expect(said(page, 'Queen Silvia').count()).resolves.toBe(0);
      // Nothing technical reaches the person: no status code, no "too many requests", no raw error.
      const transcript = await page.locator('.webchat__bubble__content').allInnerTexts();
      expect(transcript.join('\n')).not.toMatch(/429|too many|Retry-After|error/i);
      // Their question stays in the transcript, marked for them to send again.
      await expect(said(page, 'Who opened the launch event?').isVisible()).resolves.toBe(true);
      await expect(page.getByText(/Send failed/).first().isVisible()).resolves.toBe(true);
      // They can still type their next message.
      await expect(sendBox(page).isEditable()).resolves.toBe(true);
    } finally {
      await page.close();
      await limited.close();
    }
  });
});

/**
 * Another site on this machine (another port is another origin), with pages that embed the chat. It listens
 * before the bot starts (the bot must be told its origin), so the bot's address is filled in later.
 */
async function startPartnerSite() {
  const bot = { url: '' };
  const pages: Record<string, () => string> = {
    '/script.html': () => `<!doctype html><html lang="en"><head><title>Partner</title></head><body><h1>Partner site</h1>
<div id="cop-guide-bot" style="height:560px"></div>
<script src="${bot.url}/webchat/webchat.js"></script>
<script src="${bot.url}/webchat/chat.js" data-target="cop-guide-bot"></script></body></html>`,
    '/iframe.html': () => `<!doctype html><html lang="en"><head><title>Partner</title></head><body><h1>Partner site</h1>
<iframe src="${bot.url}/" title="COP Guide Bot" style="width:420px;height:640px;border:0"></iframe></body></html>`,
  };
  const server = http.createServer((req, res) => {
    const html = pages[req.url ?? '']?.();
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { bot, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the chat embedded in another site', () => {
  it('works from the script snippet and the iframe snippet of a configured site, and not from another', async () => {
    const [partner, stranger] = await Promise.all([startPartnerSite(), startPartnerSite()]);
    // Everything opened here is closed below, even when the browser cannot start: an open server would keep jest waiting.
    let app: Awaited<ReturnType<typeof startApp>> | undefined;
    let browser: Browser | undefined;
    try {
      app = await startApp(REAL_KB, { CHAT_ALLOWED_ORIGINS: partner.url });
      partner.bot.url = stranger.bot.url = app.url;
      browser = await openBrowser();
      const { page } = browser;
      await page.goto(`${partner.url}/script.html`);
      await said(page, WELCOME).waitFor(SEEN);
      await ask(page, 'Who opened the launch event?');
      await said(page, 'Queen Silvia').waitFor(SEEN);
      await browser.screenshot('webchat-embedded-script');

      await page.goto(`${partner.url}/iframe.html`);
      const frame = page.frameLocator('iframe[title="COP Guide Bot"]');
      await said(frame, WELCOME).waitFor(SEEN);

      // A site that is not configured: the bot refuses its calls, and the chat says it cannot reach the bot.
      await page.goto(`${stranger.url}/script.html`);
      await sendBox(page).waitFor(SEEN);
      await ask(page, 'Who opened the launch event?');
      await said(page, /I couldn.t reach the bot just now/).waitFor(SEEN);
      await expect(said(page, 'Queen Silvia').count()).resolves.toBe(0);
      expect(requestsLeavingLoopback(browser.requests)).toEqual([]);
    } finally {
      await browser?.close();
      await Promise.all([partner.close(), stranger.close(), app?.close()]);
    }
  });
});

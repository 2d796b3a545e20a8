import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { PROJECT } from './run';

/** Debian's Chromium: `.ci/run` installs it under CI; Playwright's own browser download cannot reach the internet. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots land here (git-ignored), so a person can look at what the tests saw. */
export const ARTIFACTS = path.join(PROJECT, 'test-artifacts');

/** Flags that keep Chromium from calling Google's services, which this machine's closed network refuses. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Every URL the pages of this browser requested, in order. */
  requests: string[];
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

/** Starts headless Chromium with a fresh profile, recording every request its pages make. */
export async function openBrowser(viewport = { width: 1000, height: 800 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does this under CI)`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cop-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, viewport });
  const requests: string[] = [];
  context.on('request', (request: Request) => requests.push(request.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    requests,
    async screenshot(name, which = page) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${name}.png`);
      await which.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The requests that went anywhere but this machine (data: and blob: URLs never leave the page). */
export function requestsLeavingLoopback(requests: string[]): string[] {
  return requests.filter((url) => {
    if (/^(data|blob|about):/.test(url)) return false;
    const { hostname } = new URL(url);
    return hostname !== '127.0.0.1' && hostname !== 'localhost';
  });
}

/**
 * Redraws the Teams icons from their SVG sources: `npx tsx teams/icons/drawIcons.ts`.
 * teams/icons/color.svg → teams/color.png (192 × 192), teams/icons/outline.svg → teams/outline.png (32 × 32,
 * transparent background). Uses Debian's Chromium through playwright-core; set CHROMIUM_PATH to use another.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ICONS = __dirname;
const TEAMS = path.resolve(ICONS, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium from calling Google's services, which a closed network refuses. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Icon {
  svg: string;
  png: string;
  size: number;
}

const ICON_FILES: Icon[] = [
  { svg: 'color.svg', png: 'color.png', size: 192 },
  { svg: 'outline.svg', png: 'outline.png', size: 32 },
];

async function render(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cop-icons-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 200, height: 200 },
    deviceScaleFactor: 1,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const icon of ICON_FILES) {
      const svg = readFileSync(path.join(ICONS, icon.svg), 'utf8');
      // No page background, so whatever the SVG leaves unpainted stays transparent in the PNG.
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
      const file = path.join(TEAMS, icon.png);
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
      process.stdout.write(`${path.relative(process.cwd(), file)} (${icon.size} × ${icon.size})\n`);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

render().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

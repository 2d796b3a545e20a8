import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SMALL_KB = path.join(__dirname, '..', 'fixtures', 'kb-small');
export const REAL_KB = path.join(__dirname, '..', '..', 'knowledge', 'content');

/** A throw-away copy of a knowledge folder, with some files replaced or added; removed by `cleanup()`. */
export function kbCopy(source: string, files: Record<string, string> = {}): { folder: string; cleanup: () => void } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'cop-kb-'));
  cpSync(source, folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  return { folder, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

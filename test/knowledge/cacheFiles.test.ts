import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pruneCacheFiles, writeCacheFile } from '../../knowledge/cacheFiles';

let folder: string;
beforeEach(() => (folder = mkdtempSync(path.join(os.tmpdir(), 'cop-cache-files-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('cache files', () => {
  it('writes a file whole, creating its folder, and leaves nothing aside', () => {
    const file = path.join(folder, 'models', 'intent-1.bin');
    writeCacheFile(file, Buffer.from([1, 2, 3]));
    writeCacheFile(file, 'replaced');
    expect(readFileSync(file, 'utf8')).toBe('replaced');
    expect(readdirSync(path.dirname(file))).toEqual(['intent-1.bin']);
  });

  it('throws when the folder cannot be made, so the caller knows nothing was kept', () => {
    const aFile = path.join(folder, 'a-file');
    writeFileSync(aFile, '');
    expect(() => writeCacheFile(path.join(aFile, 'inside', 'x.json'), '{}')).toThrow();
  });

  it('prunes the least recently written files of one kind beyond the newest few, and leaves other kinds', () => {
    for (let i = 0; i < 5; i++) {
      const file = path.join(folder, `intent-${i}.bin`);
      writeFileSync(file, '');
      utimesSync(file, 1000 + i, 1000 + i);
    }
    writeFileSync(path.join(folder, 'safety-0.bin'), '');
    utimesSync(path.join(folder, 'safety-0.bin'), 1, 1);
    pruneCacheFiles(folder, (name) => name.startsWith('intent-'), 2);
    expect(readdirSync(folder).sort()).toEqual(['intent-3.bin', 'intent-4.bin', 'safety-0.bin']);
  });
});

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTextFile, writeFileAtomically } from '../../../knowledge/qna/files';

describe('QnA files', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(os.tmpdir(), 'cop-qna-files-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads UTF-8 with or without a byte order mark, and UTF-16 as Excel saves it', () => {
    const text = 'Question\tAnswer\nWhen?\t24 June 2020 ✓\n';
    const files: [string, Buffer][] = [
      ['plain.tsv', Buffer.from(text, 'utf8')],
      ['bom.tsv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
      ['utf16le.tsv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf16be.tsv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ];
    for (const [name, bytes] of files) {
      writeFileSync(path.join(folder, name), bytes);
      expect(readTextFile(path.join(folder, name))).toBe(text);
    }
  });

  it('writes a file whole, leaving no temporary file behind, even when the write fails', () => {
    const file = path.join(folder, 'out.tsv');
    writeFileAtomically(file, 'first');
    writeFileAtomically(file, 'second');
    expect(readTextFile(file)).toBe('second');
    expect(readdirSync(folder)).toEqual(['out.tsv']);
    expect(() => writeFileAtomically(path.join(folder, 'no-such-folder', 'out.tsv'), 'x')).toThrow();
    expect(existsSync(path.join(folder, 'no-such-folder'))).toBe(false);
    expect(readdirSync(folder)).toEqual(['out.tsv']);
  });
});

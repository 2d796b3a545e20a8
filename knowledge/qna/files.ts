import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes a file all at once: to a temporary file beside it, then renamed over it, so that a reader (or an
 * interrupted run) never sees half a file. The temporary file is removed if anything fails.
 */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, 'utf8');
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Reads a text file as QnA Maker or Excel may have saved it: UTF-8 (with or without a byte order mark) or
 * UTF-16 with a byte order mark (Excel's "Unicode text").
 */
export function readTextFile(file: string): string {
  const bytes = readFileSync(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/** The git-ignored folder of everything the project keeps to start faster: trained models, parsed YAML. */
export const CACHE_ROOT = path.join(__dirname, '..', '.cache');

/**
 * Writes a cache file whole: written aside and renamed into place, so another process or thread never reads half of
 * it. Creates the folder. Throws when the disk refuses (read-only, full): callers treat that as "not cached".
 */
export function writeCacheFile(file: string, data: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}-${threadId}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, file);
}

/** Deletes the least recently written files of a folder whose names `belongs` accepts, beyond the `keep` newest. */
export function pruneCacheFiles(folder: string, belongs: (name: string) => boolean, keep: number): void {
  const files = readdirSync(folder)
    .filter(belongs)
    .map((name) => ({ file: path.join(folder, name), at: statSync(path.join(folder, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { file } of files.slice(keep)) rmSync(file, { force: true });
}

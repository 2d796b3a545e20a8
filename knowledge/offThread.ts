import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { KnowledgeError, type KnowledgeProblem } from './errors';
import type { PreparedTerms } from './search';
import type { KnowledgeBase } from './types';

/** What the loading thread sends back: the base and its prepared terms, or why it could not be loaded. */
export type LoadedOffThread = { ok: true; kb: KnowledgeBase; terms: PreparedTerms } | { ok: false; problems: KnowledgeProblem[] } | { ok: false; error: string };

/**
 * Starts a worker thread running the module `modulePath` (absolute, without its extension) with `data`, and
 * resolves with the one message it sends. Under TypeScript sources (tsx, ts-jest) the worker loads them through
 * tsx as well; a build runs the compiled module.
 */
export function runInWorker<T>(modulePath: string, data: unknown): Promise<T> {
  const extension = path.extname(__filename);
  const script = `${modulePath}${extension}`;
  // A worker does not inherit the TypeScript loader of the thread that started it: register tsx's there first.
  const worker =
    extension === '.ts'
      ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(script)});`, { eval: true, workerData: data })
      : new Worker(script, { workerData: data });
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (message: T) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker thread stopped (exit code ${code}) before it answered`)));
  });
}

/** Loads a knowledge folder on a worker thread; throws a KnowledgeError if it is invalid, as `loadKnowledgeBase` does. */
export async function loadOffThread(folder: string): Promise<{ kb: KnowledgeBase; terms: PreparedTerms }> {
  const loaded = await runInWorker<LoadedOffThread>(path.join(__dirname, 'loadWorker'), { folder });
  if (loaded.ok) return loaded;
  if ('problems' in loaded) throw new KnowledgeError(loaded.problems);
  throw new Error(loaded.error);
}

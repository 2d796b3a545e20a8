import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { KnowledgeError, type KnowledgeProblem } from './errors';
import type { IntentModelData } from './intentModel';
import type { PreparedSearch } from './search';
import type { KnowledgeBase } from './types';

/** What the loading thread sends back: the base with its prepared terms and models, or why it could not be loaded. */
export interface PreparedKnowledge {
  kb: KnowledgeBase;
  prepared: PreparedSearch;
  safetyModel: IntentModelData;
}
export type LoadedOffThread = ({ ok: true } & PreparedKnowledge) | { ok: false; problems: KnowledgeProblem[] } | { ok: false; error: string };

/** A request to the loading thread, and its answer (matched by id). */
export interface LoadRequest {
  id: number;
  folder: string;
}
export interface LoadAnswer {
  id: number;
  loaded: LoadedOffThread;
}

/**
 * Starts a worker thread running the module `modulePath` (absolute, without its extension). Under TypeScript
 * sources (tsx, ts-jest) the worker loads them through tsx as well; a build runs the compiled module.
 */
function startWorker(modulePath: string, workerData?: unknown): Worker {
  const extension = path.extname(__filename);
  const script = `${modulePath}${extension}`;
  // A worker does not inherit the TypeScript loader of the thread that started it: register tsx's there first.
  return extension === '.ts'
    ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(script)});`, { eval: true, workerData })
    : new Worker(script, { workerData });
}

/** Runs the module `modulePath` once on a new worker thread with `data`, and resolves with the one message it sends. */
export function runInWorker<T>(modulePath: string, data: unknown): Promise<T> {
  const worker = startWorker(modulePath, data);
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (message: T) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker thread stopped (exit code ${code}) before it answered`)));
  });
}

/**
 * Loads knowledge folders on one long-lived worker thread: started on the first load and kept, so a live edit
 * does not pay for starting a thread (and its TypeScript loader) each time. It never keeps the process alive;
 * if it dies, the next load starts another.
 */
export class OffThreadLoader {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (loaded: LoadedOffThread) => void; reject: (error: Error) => void }>();

  /** Loads a folder; throws a KnowledgeError if it is invalid, as `loadKnowledgeBase` does. */
  async load(folder: string): Promise<PreparedKnowledge> {
    const id = this.nextId++;
    const loaded = await new Promise<LoadedOffThread>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.thread().postMessage({ id, folder } satisfies LoadRequest);
    });
    if (loaded.ok) return loaded;
    if ('problems' in loaded) throw new KnowledgeError(loaded.problems);
    throw new Error(loaded.error);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(path.join(__dirname, 'loadWorker'));
    worker.unref();
    worker.on('message', ({ id, loaded }: LoadAnswer) => {
      this.pending.get(id)?.resolve(loaded);
      this.pending.delete(id);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the knowledge loading thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

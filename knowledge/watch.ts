import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { KnowledgeError, type KnowledgeProblem } from './errors';
import type { KnowledgeStore } from './store';
import type { KnowledgeBase } from './types';

export interface WatchEvents {
  /** A changed base was valid and is now served. */
  reloaded(kb: KnowledgeBase, changed: string[]): void;
  /** A changed base was invalid: the previous one is still served. */
  rejected(problems: readonly KnowledgeProblem[], changed: string[]): void;
  /** Something other than the content went wrong (a file that cannot be read, say). */
  failed(error: unknown): void;
}

/** Editors save in bursts (a temp file, a rename, a second write): one reload after the burst settles. */
export const DEFAULT_DEBOUNCE_MS = 300;

/** The test sets (`tests/` of the knowledge folder) are not served, nor is anything but YAML and JSON (the README). */
const NOT_SERVED_FOLDER = 'tests';
const SERVED_FILE = /\.(ya?ml|json)$/i;

/**
 * Watches the knowledge folder (entries, synonyms, topics, audiences, flows, safety lexicon, helplines) and
 * reloads the whole base after each burst of changes. A valid base is swapped in; an invalid one is refused
 * and the last good base stays (the store keeps the refusal as its pending error).
 */
export class KnowledgeWatcher {
  private readonly watcher: FSWatcher;
  private readonly watching: Promise<void>;
  private timer: NodeJS.Timeout | undefined;
  private changed = new Set<string>();
  private reloading: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(
    private readonly store: KnowledgeStore,
    private readonly events: WatchEvents,
    private readonly debounceMs = DEFAULT_DEBOUNCE_MS,
  ) {
    const served = (file: string) => path.relative(store.folder, file).split(path.sep)[0] !== NOT_SERVED_FOLDER;
    this.watcher = watch(store.folder, {
      ignoreInitial: true,
      ignored: (file, stats) => !served(file) || (stats?.isFile() === true && !SERVED_FILE.test(file)),
    });
    this.watching = new Promise((resolve) => this.watcher.once('ready', () => resolve()));
    this.watcher.on('all', (_event, file) => this.schedule(file));
    this.watcher.on('error', (error) => this.events.failed(error));
  }

  /** Resolves once the watcher is watching (tests wait for it before editing). */
  ready(): Promise<void> {
    return this.watching;
  }

  private schedule(file: string): void {
    this.changed.add(path.relative(this.store.folder, file));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), this.debounceMs);
  }

  /** One reload at a time: changes made while one runs are picked up by the next, right after it. */
  private reload(): void {
    if (this.reloading) {
      this.again = true;
      return;
    }
    const changed = [...this.changed].sort();
    this.changed.clear();
    this.reloading = this.store
      .reloadOffThread()
      .then(
        ({ kb }) => this.events.reloaded(kb, changed),
        (error: unknown) => (error instanceof KnowledgeError ? this.events.rejected(error.problems, changed) : this.events.failed(error)),
      )
      .finally(() => {
        this.reloading = undefined;
        if (this.again && !this.closed) {
          this.again = false;
          this.reload();
        }
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.watcher.close();
    await this.reloading;
  }
}

import { KnowledgeError, type KnowledgeProblem } from './errors';
import { loadKnowledgeBase } from './load';
import { trainedSafetyModelFor } from './intentTraining';
import { OffThreadLoader } from './offThread';
import { SafetyDetector } from './safetyModel';
import { KnowledgeSearch, type SearchSettings } from './search';
import type { KnowledgeBase } from './types';

/** A knowledge base together with its search index and safety layer: what one turn works with from start to end. */
export interface KnowledgeSnapshot {
  kb: KnowledgeBase;
  search: KnowledgeSearch;
  safety: SafetyDetector;
}

/** An edit that was refused: what was wrong, and when it was tried. The previous base is still served. */
export interface RejectedEdit {
  problems: readonly KnowledgeProblem[];
  at: Date;
}

/**
 * Holds the knowledge base being served. A reload builds a complete new snapshot and swaps it in one
 * assignment, so a turn that took the old snapshot finishes on it; a failed load leaves the old one in place
 * and is remembered as the pending error until a later load succeeds.
 */
export class KnowledgeStore {
  private current: KnowledgeSnapshot | undefined;
  private rejected: RejectedEdit | undefined;
  /** The loading thread of `reloadOffThread`, started on its first use. */
  private loader: OffThreadLoader | undefined;

  constructor(
    readonly folder: string,
    private readonly settings: SearchSettings,
  ) {}

  /** Loads the folder; throws a KnowledgeError (and keeps serving the previous snapshot) if it is invalid. */
  reload(): KnowledgeSnapshot {
    return this.swapIn(() => {
      const kb = loadKnowledgeBase(this.folder);
      return { kb, search: new KnowledgeSearch(kb, this.settings), safety: new SafetyDetector(kb.safety.lexicon, trainedSafetyModelFor(kb)) };
    });
  }

  /**
   * The same as `reload`, for a running bot: reading, parsing, validating and normalising happen on a worker
   * thread (and the models trained there), so answers keep flowing; only the index is built here (a fraction of the work).
   */
  async reloadOffThread(): Promise<KnowledgeSnapshot> {
    this.loader ??= new OffThreadLoader();
    const loaded = await this.loader.load(this.folder).catch((error: unknown) => this.refused(error));
    return this.swapIn(() => ({ kb: loaded.kb, search: new KnowledgeSearch(loaded.kb, this.settings, loaded.prepared), safety: new SafetyDetector(loaded.kb.safety.lexicon, loaded.safetyModel) }));
  }

  /** Serves the snapshot `build` makes; if it throws, keeps the old one (and remembers a KnowledgeError's problems). */
  private swapIn(build: () => KnowledgeSnapshot): KnowledgeSnapshot {
    let snapshot: KnowledgeSnapshot;
    try {
      snapshot = build();
    } catch (error) {
      return this.refused(error);
    }
    this.current = snapshot;
    this.rejected = undefined;
    return snapshot;
  }

  /** A load that failed: an invalid base is remembered as the pending error; the error is thrown on. */
  private refused(error: unknown): never {
    if (error instanceof KnowledgeError) this.rejected = { problems: error.problems, at: new Date() };
    throw error;
  }

  /** Stops the loading thread, if one was started (the snapshot stays). */
  async close(): Promise<void> {
    await this.loader?.close();
  }

  /** The snapshot to use for a turn, or undefined before the first successful load. */
  snapshot(): KnowledgeSnapshot | undefined {
    return this.current;
  }

  /** The last refused edit, while it has not been fixed. */
  pendingError(): RejectedEdit | undefined {
    return this.rejected;
  }
}

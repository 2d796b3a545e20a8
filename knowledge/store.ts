import { loadKnowledgeBase } from './load';
import { KnowledgeSearch, type SearchSettings } from './search';
import type { KnowledgeBase } from './types';

/** A knowledge base together with its search index: what one turn works with from start to end. */
export interface KnowledgeSnapshot {
  kb: KnowledgeBase;
  search: KnowledgeSearch;
}

/**
 * Holds the knowledge base being served. A reload builds a complete new snapshot and swaps it in one
 * assignment, so a turn that took the old snapshot finishes on it; a failed load leaves the old one in place.
 */
export class KnowledgeStore {
  private current: KnowledgeSnapshot | undefined;

  constructor(
    readonly folder: string,
    private readonly settings: SearchSettings,
  ) {}

  /** Loads the folder; throws a KnowledgeError (and keeps serving the previous snapshot) if it is invalid. */
  reload(): KnowledgeSnapshot {
    const kb = loadKnowledgeBase(this.folder);
    const snapshot = { kb, search: new KnowledgeSearch(kb, this.settings) };
    this.current = snapshot;
    return snapshot;
  }

  /** The snapshot to use for a turn, or undefined before the first successful load. */
  snapshot(): KnowledgeSnapshot | undefined {
    return this.current;
  }
}

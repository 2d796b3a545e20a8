import type { Storage, StoreItem, StoreItems } from 'botbuilder';

/** How much state the in-memory store keeps. */
export interface MemoryBounds {
  /** At most this many items (a user's profile and a conversation's state are one item each). */
  maxItems: number;
  /** An item not read or written for this long is forgotten. */
  idleMs: number;
}

interface Kept {
  json: string;
  eTag: string;
  usedAt: number;
}

/**
 * The state store of the single-instance default: in memory like Bot Framework's `MemoryStorage`, but bounded, where
 * `MemoryStorage` keeps every user and conversation it ever saw until the process ends. It keeps the most recently
 * used items (at most `maxItems`) and forgets an item idle for `idleMs`: a user who comes back after that is asked
 * again who they are. Items are kept as JSON, so a caller's later change to an object it wrote never reaches the
 * store, and eTags work as `MemoryStorage`'s: a write with an eTag other than `*` fails when the item has changed.
 */
export class BoundedMemoryStorage implements Storage {
  // A Map iterates in insertion order; every use re-inserts its item, so the first item is the least recently used.
  private readonly items = new Map<string, Kept>();
  private nextETag = 1;

  constructor(
    private readonly bounds: MemoryBounds,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many items are kept now. */
  get size(): number {
    return this.items.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    this.forgetIdle();
    const found: StoreItems = {};
    for (const key of keys) {
      const kept = this.items.get(key);
      if (!kept) continue;
      this.keep(key, { ...kept, usedAt: this.now() });
      found[key] = { ...(JSON.parse(kept.json) as StoreItem), eTag: kept.eTag };
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    this.forgetIdle();
    for (const [key, change] of Object.entries(changes) as [string, StoreItem][]) {
      const kept = this.items.get(key);
      if (kept && change.eTag && change.eTag !== '*' && change.eTag !== kept.eTag) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      const eTag = String(this.nextETag++);
      this.keep(key, { json: JSON.stringify({ ...change, eTag }), eTag, usedAt: this.now() });
    }
    while (this.items.size > this.bounds.maxItems) this.forgetOldest();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  /** Stores an item as the most recently used. */
  private keep(key: string, kept: Kept): void {
    this.items.delete(key);
    this.items.set(key, kept);
  }

  /** Forgets the items idle too long: they are all at the front. */
  private forgetIdle(): void {
    const oldestAllowed = this.now() - this.bounds.idleMs;
    for (const [key, kept] of this.items) {
      if (kept.usedAt >= oldestAllowed) break;
      this.items.delete(key);
    }
  }

  private forgetOldest(): void {
    const oldest = this.items.keys().next();
    if (!oldest.done) this.items.delete(oldest.value);
  }
}

import type { Storage, StoreItem, TurnContext } from 'botbuilder';
import type { ConversationData, TurnState, UserProfile } from '../dialogs/state';

/**
 * The eTag a state item is written with when it did not exist when the turn read it: the write fails as a
 * conflict if another instance created the item meanwhile. Bot Framework's stores compare eTags, and no store
 * ever gives an item this one, so `MemoryStorage` and `BoundedMemoryStorage` refuse it for an existing item;
 * `BlobStateStorage` turns it into "create only if absent".
 */
export const CREATE_ONLY_ETAG = 'cop-guide:create-only';

/** Bot Framework's stores say a write lost the eTag race with this message (BlobsStorage, MemoryStorage, ours). */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /eTag conflict/i.test(error.message);
}

/** How often a save re-reads and merges after losing a race before it gives up (and the turn fails, loudly). */
const MAX_SAVE_ATTEMPTS = 5;

/** A merge where both turns changed the same fields: the later turn's values were kept. Names only, never values. */
export interface StateClash {
  item: 'profile' | 'conversation';
  fields: string[];
}

type Fields = Record<string, unknown>;

/** One state item as the turn read it: its key, eTag (none: it did not exist) and its value as JSON, to merge against. */
interface ReadItem {
  key: string;
  eTag: string | undefined;
  readJson: string;
}

interface Loaded {
  state: TurnState;
  profile: ReadItem;
  conversation: ReadItem;
}

const LOADED = Symbol('copGuide.loadedState');

/**
 * Three-way merge of one state object, field by field: a field this turn changed (from `base`, as it read it)
 * takes this turn's value; any other field takes `theirs`, what another turn saved meanwhile. Fields both changed
 * differently are named in `clashes` (this turn's value is kept: it is the later message).
 */
export function mergeChanges(base: Fields, ours: Fields, theirs: Fields): { merged: Fields; clashes: string[] } {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const merged: Fields = {};
  const clashes: string[] = [];
  for (const field of new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)])) {
    const oursChanged = !same(ours[field], base[field]);
    const value = oursChanged ? ours[field] : theirs[field];
    if (oursChanged && !same(theirs[field], base[field]) && !same(theirs[field], ours[field])) clashes.push(field);
    if (value !== undefined) merged[field] = value;
  }
  return { merged, clashes: clashes.sort() };
}

/**
 * The turn's state: the user's profile (`<channel>/users/<user>/`) and the conversation's memory
 * (`<channel>/conversations/<conversation>/`), the keys Bot Framework's UserState and ConversationState use, over
 * whichever `Storage` the app was built with. Saves are optimistic: each item is written with the eTag it was read
 * with, so when several instances serve one conversation a save that lost the race re-reads the item, merges this
 * turn's changes into what the other saved ({@link mergeChanges}) and writes again; no update is lost silently.
 * Where several people share a conversation, its state starts empty every turn and is never read or written.
 */
export class BotStateStore {
  constructor(
    private readonly storage: Storage,
    private readonly onClash: (clash: StateClash) => void = () => undefined,
  ) {}

  /** Reads the turn's state (in a shared conversation, the conversation's memory starts empty). */
  async load(context: TurnContext, shared: boolean): Promise<TurnState> {
    const { userKey, conversationKey } = stateKeys(context);
    const items = await this.storage.read(shared ? [userKey] : [userKey, conversationKey]);
    const profile = readItem(userKey, items[userKey], 'profile');
    const conversation = shared ? { key: conversationKey, eTag: undefined, readJson: '{}' } : readItem(conversationKey, items[conversationKey], 'conversation');
    const state: TurnState = { profile: JSON.parse(profile.readJson) as UserProfile, conversation: JSON.parse(conversation.readJson) as ConversationData };
    const loaded: Loaded = { state, profile, conversation };
    context.turnState.set(LOADED, loaded);
    return state;
  }

  /** Saves what the turn changed: the user's profile, and the conversation's memory unless it is shared. */
  async save(context: TurnContext, shared: boolean): Promise<void> {
    const loaded = context.turnState.get(LOADED) as Loaded | undefined;
    if (!loaded) throw new Error('BotStateStore.save before load in this turn');
    await this.saveItem('profile', loaded.profile, loaded.state.profile as Fields);
    if (!shared) await this.saveItem('conversation', loaded.conversation, loaded.state.conversation as Fields);
  }

  private async saveItem(item: StateClash['item'], read: ReadItem, value: Fields): Promise<void> {
    let { eTag, readJson } = read;
    let ours = value;
    for (let attempt = 1; ; attempt++) {
      if (JSON.stringify(ours) === readJson) return;
      try {
        await this.storage.write({ [read.key]: { [item]: ours, eTag: eTag ?? CREATE_ONLY_ETAG } });
        return;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
      }
      const latest = readItem(read.key, (await this.storage.read([read.key]))[read.key], item);
      const { merged, clashes } = mergeChanges(JSON.parse(readJson) as Fields, ours, JSON.parse(latest.readJson) as Fields);
      if (clashes.length > 0) this.onClash({ item, fields: clashes });
      ({ eTag, readJson } = latest);
      ours = merged;
    }
  }
}

function readItem(key: string, stored: StoreItem | undefined, property: StateClash['item']): ReadItem {
  const value: unknown = stored?.[property];
  return { key, eTag: typeof stored?.eTag === 'string' ? stored.eTag : undefined, readJson: JSON.stringify(value && typeof value === 'object' ? value : {}) };
}

/** The storage keys of the turn's user and conversation (Bot Framework's own layout). */
function stateKeys(context: TurnContext): { userKey: string; conversationKey: string } {
  const { channelId, from, conversation } = context.activity;
  if (!channelId || !from?.id || !conversation?.id) throw new Error('an activity without channelId, from.id or conversation.id has no state');
  // UserState's and ConversationState's keys end with their (empty) namespace: the trailing slash.
  return { userKey: `${channelId}/users/${from.id}/`, conversationKey: `${channelId}/conversations/${conversation.id}/` };
}

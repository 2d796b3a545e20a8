import { MemoryStorage, TestAdapter, TurnContext, type Activity, type Storage } from 'botbuilder';
import fc from 'fast-check';
import { BotStateStore, CREATE_ONLY_ETAG, isETagConflict, mergeChanges, type StateClash } from '../../bot/botState';
import { BoundedMemoryStorage } from '../../bot/boundedMemoryStorage';
import type { TurnState } from '../../dialogs/state';

const activity: Partial<Activity> = { type: 'message', channelId: 'msteams', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: 'c' }, from: { id: 'u', name: 'U' }, recipient: { id: 'b', name: 'B' } };

/** A turn as another instance would run it: its own context, its own load. */
async function begin(store: BotStateStore, shared = false) {
  const context = new TurnContext(new TestAdapter(), activity);
  const state = await store.load(context, shared);
  return { state, save: () => store.save(context, shared) };
}

async function turn(storage: Storage, shared: boolean, change: (state: TurnState) => void) {
  const running = await begin(new BotStateStore(storage), shared);
  change(running.state);
  await running.save();
  return running.state;
}

describe('BotStateStore', () => {
  it("keeps the user's profile and the conversation's memory from one turn to the next, under Bot Framework's keys", async () => {
    const storage = new MemoryStorage();
    await turn(storage, false, (state) => {
      state.profile.audience = 'children';
      state.conversation.misses = 1;
    });
    const next = await turn(storage, false, () => undefined);
    expect(next).toEqual({ profile: { audience: 'children' }, conversation: { misses: 1 } });
    const stored = await storage.read(['msteams/users/u/', 'msteams/conversations/c/']);
    expect(stored['msteams/users/u/']).toMatchObject({ profile: { audience: 'children' } });
    expect(stored['msteams/conversations/c/']).toMatchObject({ conversation: { misses: 1 } });
  });

  it("where several people talk, starts the conversation empty and never writes it, but keeps each person's profile", async () => {
    const storage = new MemoryStorage();
    await turn(storage, false, (state) => (state.conversation.misses = 1));
    const shared = await turn(storage, true, (state) => {
      expect(state.conversation).toEqual({});
      state.conversation.misses = 5;
      state.profile.audience = 'industry';
    });
    expect(shared.profile.audience).toBe('industry');
    const later = await turn(storage, false, () => undefined);
    expect(later).toEqual({ profile: { audience: 'industry' }, conversation: { misses: 1 } });
  });

  it('writes nothing when a turn changed nothing', async () => {
    const storage = new MemoryStorage();
    const write = jest.spyOn(storage, 'write');
    await turn(storage, false, () => undefined);
    expect(write).not.toHaveBeenCalled();
  });

  it.each([
    ['Bot Framework MemoryStorage', () => new MemoryStorage()],
    ['BoundedMemoryStorage', () => new BoundedMemoryStorage({ maxItems: 100, idleMs: 60_000 })],
  ])('two instances saving the same user and conversation at once (%s): both changes are kept, none lost', async (_name, makeStorage) => {
    const storage = makeStorage();
    await turn(storage, false, (state) => (state.conversation.misses = 1));
    // Both read the same state; A learns the audience, B the age and moves the conversation on.
    const a = await begin(new BotStateStore(storage));
    const b = await begin(new BotStateStore(storage));
    a.state.profile.audience = 'parents-educators';
    b.state.profile.childAge = 12;
    b.state.conversation.lastAnswerId = 'social-media.minimum-age';
    await a.save();
    await b.save();
    expect(await turn(storage, false, () => undefined)).toEqual({ profile: { audience: 'parents-educators', childAge: 12 }, conversation: { misses: 1, lastAnswerId: 'social-media.minimum-age' } });
  });

  it('the very first message on two instances at once: the second creation does not overwrite the first', async () => {
    const storage = new MemoryStorage();
    const a = await begin(new BotStateStore(storage));
    const b = await begin(new BotStateStore(storage));
    a.state.profile.country = 'GB';
    b.state.profile.audience = 'children';
    await a.save();
    await b.save();
    expect((await turn(storage, false, () => undefined)).profile).toEqual({ country: 'GB', audience: 'children' });
  });

  it('when both changed the same field, keeps the later save and says so (field names only)', async () => {
    const storage = new MemoryStorage();
    const clashes: StateClash[] = [];
    const a = await begin(new BotStateStore(storage));
    const b = await begin(new BotStateStore(storage, (clash) => clashes.push(clash)));
    a.state.profile.audience = 'parents-educators';
    b.state.profile.audience = 'industry';
    await a.save();
    await b.save();
    expect((await turn(storage, false, () => undefined)).profile).toEqual({ audience: 'industry' });
    expect(clashes).toEqual([{ item: 'profile', fields: ['audience'] }]);
  });

  it('gives up loudly, not silently, when the store keeps refusing the write', async () => {
    const storage = new MemoryStorage();
    jest.spyOn(storage, 'write').mockRejectedValue(new Error('Storage: error writing "x" due to eTag conflict.'));
    await expect(turn(storage, false, (state) => (state.profile.age = 9))).rejects.toThrow(/eTag conflict/);
    expect(storage.write).toHaveBeenCalledTimes(5);
  });

  it('passes any other storage failure on at once', async () => {
    const storage = new MemoryStorage();
    jest.spyOn(storage, 'write').mockRejectedValue(new Error('network down'));
    await expect(turn(storage, false, (state) => (state.profile.age = 9))).rejects.toThrow('network down');
    expect(storage.write).toHaveBeenCalledTimes(1);
  });
});

describe('CREATE_ONLY_ETAG with the in-memory stores', () => {
  it.each([
    ['Bot Framework MemoryStorage', () => new MemoryStorage()],
    ['BoundedMemoryStorage', () => new BoundedMemoryStorage({ maxItems: 100, idleMs: 60_000 })],
  ])('%s: creates an absent item, and refuses it as a conflict once the item exists', async (_name, makeStorage) => {
    const storage = makeStorage();
    await storage.write({ k: { v: 1, eTag: CREATE_ONLY_ETAG } });
    const error = await storage.write({ k: { v: 2, eTag: CREATE_ONLY_ETAG } }).then(() => undefined, (e: unknown) => e);
    expect(isETagConflict(error)).toBe(true);
    expect((await storage.read(['k'])).k).toMatchObject({ v: 1 });
  });
});

describe('mergeChanges', () => {
  const fields = fc.dictionary(fc.constantFrom('audience', 'age', 'country', 'misses', 'flow'), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxKeys: 5 });

  it("keeps every field this turn changed, and every other field as the other turn left it", () => {
    fc.assert(
      fc.property(fields, fields, fields, (base, ours, theirs) => {
        const { merged } = mergeChanges(base, ours, theirs);
        for (const field of new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)])) {
          const changedByUs = JSON.stringify(ours[field]) !== JSON.stringify(base[field]);
          expect(merged[field]).toEqual(changedByUs ? ours[field] : theirs[field]);
        }
      }),
    );
  });

  it('is the other turn\'s state when this turn changed nothing, and this turn\'s when the other changed nothing', () => {
    fc.assert(
      fc.property(fields, fields, (base, other) => {
        expect(mergeChanges(base, base, other).merged).toEqual(JSON.parse(JSON.stringify(other)));
        expect(mergeChanges(base, other, base).merged).toEqual(JSON.parse(JSON.stringify(other)));
        expect(mergeChanges(base, base, other).clashes).toEqual([]);
      }),
    );
  });

  it('names a field both changed to different values, and only then', () => {
    expect(mergeChanges({ a: 1, b: 1 }, { a: 2, b: 3 }, { a: 2, b: 4 })).toEqual({ merged: { a: 2, b: 3 }, clashes: ['b'] });
    expect(mergeChanges({}, { flow: { step: 1 } }, {})).toEqual({ merged: { flow: { step: 1 } }, clashes: [] });
    expect(mergeChanges({ flow: { step: 1 } }, {}, { flow: { step: 1 } })).toEqual({ merged: {}, clashes: [] });
  });
});

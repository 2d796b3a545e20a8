import { BoundedMemoryStorage } from '../../bot/boundedMemoryStorage';

describe('BoundedMemoryStorage: the default state store, in memory and bounded', () => {
  let clock = 0;
  const storeOf = (maxItems: number, idleMs = 60_000) => new BoundedMemoryStorage({ maxItems, idleMs }, () => clock);
  beforeEach(() => (clock = 0));

  it('reads back a copy of what was written, with an eTag, and nothing for an unknown key', async () => {
    const store = storeOf(10);
    const profile = { audience: 'children', age: 9 };
    await store.write({ 'user/1': profile });
    profile.age = 99;
    const read = await store.read(['user/1', 'user/2']);
    expect(read).toEqual({ 'user/1': { audience: 'children', age: 9, eTag: expect.any(String) } });
  });

  it('refuses a write whose eTag is out of date, as Bot Framework storage does; "*" always writes', async () => {
    const store = storeOf(10);
    await store.write({ conversation: { turns: 1 } });
    const first = (await store.read(['conversation'])).conversation;
    await store.write({ conversation: { ...first, turns: 2 } });
    await expect(store.write({ conversation: { ...first, turns: 3 } })).rejects.toThrow('eTag conflict');
    await store.write({ conversation: { turns: 4, eTag: '*' } });
    expect((await store.read(['conversation'])).conversation.turns).toBe(4);
  });

  it('keeps at most its cap of items, forgetting the least recently used first (a read counts as a use)', async () => {
    const store = storeOf(3);
    await store.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
    await store.read(['a']);
    await store.write({ d: { n: 4 } });
    expect(store.size).toBe(3);
    expect(Object.keys(await store.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
  });

  it('forgets an item idle for longer than its time-out, and keeps one in use', async () => {
    const store = storeOf(10, 1_000);
    await store.write({ idle: { n: 1 }, busy: { n: 2 } });
    clock = 800;
    await store.read(['busy']);
    clock = 1_500;
    expect(Object.keys(await store.read(['idle', 'busy']))).toEqual(['busy']);
    expect(store.size).toBe(1);
  });

  it('stays within its cap however many users write to it', async () => {
    const store = storeOf(100);
    for (let user = 0; user < 10_000; user++) await store.write({ [`user/${user}`]: { audience: 'parents-educators' } });
    expect(store.size).toBe(100);
    expect(Object.keys(await store.read(['user/9999', 'user/0']))).toEqual(['user/9999']);
  });

  it('deletes', async () => {
    const store = storeOf(10);
    await store.write({ a: { n: 1 } });
    await store.delete(['a']);
    expect(await store.read(['a'])).toEqual({});
  });
});

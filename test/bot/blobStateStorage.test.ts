import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { BlobStateStorage } from '../../bot/blobStateStorage';
import { BotStateStore, CREATE_ONLY_ETAG, isETagConflict } from '../../bot/botState';
import { startAzurite, type RunningAzurite } from '../helpers/services';

let azurite: RunningAzurite;
let containers = 0;
const storage = () => new BlobStateStorage(azurite.connectionString, `state-${++containers}`);
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);

afterAll(async () => {
  await azurite?.stop();
});

describe('BlobStateStorage, against Azurite (the Azure Storage emulator)', () => {
  it('keeps an item as JSON with its eTag, whatever its characters, and makes the container on first use', async () => {
    const blobs = storage();
    expect(await blobs.read(['emulator/users/ünïcode 1'])).toEqual({});
    await blobs.write({ 'emulator/users/ünïcode 1': { profile: { label: '👍 Helpful', country: 'FR' }, eTag: CREATE_ONLY_ETAG } });
    const item = (await blobs.read(['emulator/users/ünïcode 1']))['emulator/users/ünïcode 1'];
    expect(item).toEqual({ profile: { label: '👍 Helpful', country: 'FR' }, eTag: expect.stringMatching(/.+/) });
  });

  it('creates an item only if no other instance created it meanwhile', async () => {
    const blobs = storage();
    await blobs.write({ k: { v: 1, eTag: CREATE_ONLY_ETAG } });
    expect(isETagConflict(await failure(blobs.write({ k: { v: 2, eTag: CREATE_ONLY_ETAG } })))).toBe(true);
    expect((await blobs.read(['k'])).k).toMatchObject({ v: 1 });
  });

  it('updates an item only with the eTag it was read with (BlobsStorage), and refuses a stale one', async () => {
    const blobs = storage();
    await blobs.write({ k: { v: 1, eTag: CREATE_ONLY_ETAG } });
    const read = (await blobs.read(['k'])).k;
    await blobs.write({ k: { v: 2, eTag: read.eTag } });
    expect(isETagConflict(await failure(blobs.write({ k: { v: 3, eTag: read.eTag } })))).toBe(true);
    expect((await blobs.read(['k'])).k).toMatchObject({ v: 2 });
    await blobs.delete(['k']);
    expect(await blobs.read(['k'])).toEqual({});
  });

  it('two instances saving the same conversation at once through it lose nothing', async () => {
    const blobs = storage();
    const activity: Partial<Activity> = { type: 'message', channelId: 'webchat', conversation: { id: 'c1', name: 'c1', isGroup: false, conversationType: 'personal' }, from: { id: 'u1', name: 'u1' }, recipient: { id: 'b', name: 'b' } };
    const begin = async () => {
      const context = new TurnContext(new TestAdapter(), activity);
      const store = new BotStateStore(blobs);
      return { state: await store.load(context, false), save: () => store.save(context, false) };
    };
    const a = await begin();
    const b = await begin();
    a.state.profile.audience = 'children';
    a.state.conversation.misses = 1;
    b.state.profile.age = 11;
    b.state.conversation.lastAnswerId = 'event.date';
    await Promise.all([a.save(), b.save()]);
    expect((await begin()).state).toEqual({ profile: { audience: 'children', age: 11 }, conversation: { misses: 1, lastAnswerId: 'event.date' } });
  });
});

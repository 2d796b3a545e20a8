import { ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState, type Activity } from 'botbuilder';
import { BotStateAccessors } from '../../bot/botState';

const activity: Partial<Activity> = { type: 'message', channelId: 'msteams', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: 'c' }, from: { id: 'u', name: 'U' }, recipient: { id: 'b', name: 'B' } };

async function turn(storage: MemoryStorage, shared: boolean, change: (state: Awaited<ReturnType<BotStateAccessors['load']>>) => void) {
  const accessors = new BotStateAccessors(new UserState(storage), new ConversationState(storage));
  const context = new TurnContext(new TestAdapter(), activity);
  const state = await accessors.load(context, shared);
  change(state);
  await accessors.save(context, shared);
  return state;
}

describe('BotStateAccessors', () => {
  it("keeps the user's profile and the conversation's memory from one turn to the next", async () => {
    const storage = new MemoryStorage();
    await turn(storage, false, (state) => {
      state.profile.audience = 'children';
      state.conversation.misses = 1;
    });
    const next = await turn(storage, false, () => undefined);
    expect(next).toEqual({ profile: { audience: 'children' }, conversation: { misses: 1 } });
  });

  it('where several people talk, starts the conversation empty and never writes it, but keeps each person\'s profile', async () => {
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
});

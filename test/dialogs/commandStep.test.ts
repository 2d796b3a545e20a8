import { commandStep } from '../../dialogs/commandStep';
import type { Suggestion } from '../../dialogs/reply';
import { wording } from '../../dialogs/wording';
import { SMALL_KB } from '../helpers/kbFolder';
import { turnOf } from '../helpers/turns';

type Options = Parameters<typeof turnOf>[2];
const run = (text: string, options: Options = {}) => {
  const turn = turnOf(SMALL_KB, text, options);
  return { reply: commandStep(turn), turn };
};
const titles = (suggestions: Suggestion[] | undefined) => (suggestions ?? []).map((s) => s.title);
const lastQuestion = { question: 'fruity things?', normalised: 'fruiti thing', candidates: [] };

describe('commandStep', () => {
  it('leaves a plain question to the match', () => {
    expect(run('what colour are apples').reply).toBeUndefined();
  });

  it('answers a button last offered, picked by its number', () => {
    const lastSuggestions: Suggestion[] = [
      { title: 'A', value: 'a', entryId: 'fruit.apple-colour' },
      { title: 'B', value: 'What do apples taste like?', entryId: 'fruit.apple-taste' },
    ];
    const { reply, turn } = run('2', { conversation: { lastSuggestions } });
    expect(reply?.messages).toEqual(['Apples taste sweet or sour.']);
    expect(reply?.outcome).toMatchObject({ kind: 'answer', entryId: 'fruit.apple-taste', confidence: 1 });
    expect(turn.conversation.lastAnswerId).toBe('fruit.apple-taste');
  });

  it('shows the menu of the audience', () => {
    const { reply } = run('menu', { profile: { audience: 'parents-educators' } });
    expect(reply?.messages).toEqual([wording.menu]);
    expect(titles(reply?.suggestions)).toEqual(['Apple colours', 'What colour are pears?']);
  });

  it('forgets the conversation on "start over", but not who the user is', () => {
    const { reply, turn } = run('start over', { profile: { audience: 'children' }, conversation: { misses: 1, lastAnswerId: 'fruit.apple-colour', askedAge: true } });
    expect(reply?.messages).toEqual([wording.startOver]);
    expect(turn.conversation).toEqual({});
    expect(turn.profile.audience).toBe('children');
  });

  it('greets someone who says who they are, and notes them', () => {
    const { reply, turn } = run("I'm a parent");
    expect(reply?.messages).toEqual([wording.noted('parents, carers and educators'), 'Hello. Ask me about fruit for your family.']);
    expect(turn.profile.audience).toBe('parents-educators');
  });

  it('notes who someone is and answers the question said with it', () => {
    const { reply } = run("I'm a parent, what colour are apples?");
    expect(reply?.messages[0]).toBe(wording.noted('parents, carers and educators'));
    expect(reply?.outcome.kind).toMatch(/answer|clarify/);
    expect(reply?.messages.join('\n')).toMatch(/Apple colours|Apples are red/);
  });

  it("takes a bare number as a child's age right after asking it, and picks the age band", () => {
    const { reply, turn } = run('12', { conversation: { askedAge: true } });
    expect(turn.profile).toMatchObject({ audience: 'children', age: 12, ageBand: 'older' });
    expect(reply?.messages[0]).toBe(wording.noted('children and young people'));
    expect(turn.conversation.askedAge).toBeUndefined();
  });

  it("greets a typed audience label, asking a child's age", () => {
    const { reply, turn } = run('Child');
    expect(reply?.messages).toEqual(['Hi! Ask me about fruit.', wording.askAge]);
    expect(titles(reply?.suggestions)).toEqual(['Under 9', '9 to 18']);
    expect(turn.conversation.askedAge).toBe(true);
  });

  it('sends the question to the organisers\' inbox on "None of these", and asks to rephrase', () => {
    const { reply, turn } = run('none of these', { conversation: { lastQuestion } });
    expect(reply?.messages).toEqual([wording.rephrase]);
    expect(reply?.outcome.kind).toBe('fallback');
    expect(turn.insights.misses).toMatchObject([{ reason: 'none-of-these', question: 'fruity things?', userHash: expect.any(String) }]);
    expect(turn.conversation.lastQuestion).toBeUndefined();
  });

  it('counts a 👎 on the last answer, and sends its question to the inbox', () => {
    const { reply, turn } = run('👎', { conversation: { lastAnswerId: 'fruit.apple-colour', lastQuestion } });
    expect(reply?.messages).toEqual([wording.notHelpful]);
    expect(turn.insights.votes).toMatchObject([{ entryId: 'fruit.apple-colour', helpful: false, channel: 'emulator' }]);
    expect(turn.insights.misses).toMatchObject([{ reason: 'thumbs-down', entryId: 'fruit.apple-colour' }]);
    expect(turn.conversation.lastAnswerId).toBeUndefined();
  });

  it('says thanks for a 👍 without an inbox entry, and asks for a question before a vote', () => {
    const helpful = run('👍', { conversation: { lastAnswerId: 'fruit.apple-colour', lastQuestion } });
    expect(helpful.reply?.messages).toEqual([wording.helpful]);
    expect(helpful.turn.insights.misses).toHaveLength(0);
    expect(run('👍').reply?.messages).toEqual([wording.noVote]);
  });

  it('says there is nothing to stop or resume outside a flow', () => {
    expect(run('stop').reply?.messages).toEqual([wording.nothingToStop]);
    expect(run('continue').reply?.messages).toEqual([wording.nothingToResume]);
  });
});

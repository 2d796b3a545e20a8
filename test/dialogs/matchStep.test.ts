import { matchStep } from '../../dialogs/matchStep';
import { wording } from '../../dialogs/wording';
import { REAL_KB, SMALL_KB } from '../helpers/kbFolder';
import { turnOf } from '../helpers/turns';

type Options = Parameters<typeof turnOf>[2];
const run = (text: string, options: Options = {}) => {
  const turn = turnOf(SMALL_KB, text, options);
  return { reply: matchStep(turn), turn };
};
const titles = (reply: ReturnType<typeof matchStep>) => reply.suggestions.map((s) => s.title);

describe('matchStep', () => {
  it("answers a confident match in the audience's words, with follow-ups and 👍 / 👎, and keeps the question for a vote", () => {
    const { reply, turn } = run('what colour are apples', { profile: { audience: 'children' } });
    expect(reply.messages).toEqual(['Apples can be red, green or yellow!\n\nTalk to an adult you trust about fruit worries.']);
    expect(reply.outcome).toMatchObject({ kind: 'answer', entryId: 'fruit.apple-colour' });
    expect(titles(reply)).toEqual(['What do apples taste like?', '👍', '👎']);
    expect(turn.conversation).toMatchObject({ lastAnswerId: 'fruit.apple-colour', misses: 0, lastQuestion: { question: 'what colour are apples' } });
  });

  it('offers "Who are you?" to someone who has not said', () => {
    expect(titles(run('what colour are apples').reply)).toContain(wording.whoAreYouButton);
  });

  it('asks "did you mean…?" on a close call, with "None of these"', () => {
    const { reply } = run('colours?');
    expect(reply.outcome.kind).toBe('clarify');
    expect(titles(reply)).toEqual(expect.arrayContaining(['Apple colours', 'What colour are pears?', 'None of these']));
  });

  it('says honestly it does not know, records the miss, and shows the topics on the second miss in a row', () => {
    const first = run('how do I fix my car');
    expect(first.reply.messages).toEqual([wording.fallback]);
    expect(first.reply.outcome.kind).toBe('fallback');
    expect(first.turn.insights.misses).toMatchObject([{ reason: 'fallback', question: 'how do I fix my car' }]);
    const second = run('how do I fix my car', { conversation: { misses: 1 } });
    expect(second.reply.messages).toEqual([wording.secondMiss]);
    expect(titles(second.reply)).toEqual(['Apple colours', 'What do pears taste like?']);
    expect(second.turn.conversation.misses).toBe(0);
  });

  it('keeps only the redacted question for the inbox', () => {
    const { turn } = run('my email is kai@example.com how do I fix my car');
    expect(turn.insights.misses[0].question).toBe('my email is [email] how do I fix my car');
  });

  it('offers to continue (or restart) the flow the message has just left, first', () => {
    const turn = turnOf(REAL_KB, 'what is grooming?', { profile: { audience: 'children' }, conversation: { flow: { flowId: 'safety-quiz', step: 1, picks: {}, paused: true } } });
    turn.leftFlow = true;
    const reply = matchStep(turn);
    expect(reply.outcome).toMatchObject({ kind: 'answer' });
    expect(titles(reply).slice(0, 2)).toEqual([wording.resumeFlow('Quiz: how safe are you online?'), wording.restartFlow('Quiz: how safe are you online?')]);
  });
});

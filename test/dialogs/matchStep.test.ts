import { closestTopics, matchStep } from '../../dialogs/matchStep';
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

  it('says honestly it does not know, offers the closest topics for the audience, records the miss, and shows the menu on the second miss in a row', () => {
    const first = run('how do I fix my car');
    expect(first.reply.messages).toEqual([`${wording.fallback} ${wording.closestTopics}`]);
    expect(first.reply.outcome.kind).toBe('fallback');
    // Nothing in the base is near a car: the general audience's menu stands in for the closest topics.
    expect(titles(first.reply)).toEqual(['Apple colours', 'What do pears taste like?']);
    expect(first.turn.insights.misses).toMatchObject([{ reason: 'fallback', question: 'how do I fix my car' }]);
    const second = run('how do I fix my car', { conversation: { misses: 1 } });
    expect(second.reply.messages).toEqual([wording.secondMiss]);
    expect(titles(second.reply)).toEqual(['Apple colours', 'What do pears taste like?']);
    expect(second.turn.conversation.misses).toBe(0);
  });

  it("reminds a child who got no answer that they can talk to an adult they trust, on both misses", () => {
    const reminder = 'If something online worries you, you can always talk to an adult you trust.';
    const first = turnOf(REAL_KB, 'how do i bake a chocolate cake', { profile: { audience: 'children', age: 10 } });
    expect(matchStep(first).messages).toEqual([`${wording.fallback} ${wording.closestTopics}`, reminder]);
    const second = turnOf(REAL_KB, 'how do i bake a chocolate cake', { profile: { audience: 'children', age: 10 }, conversation: { misses: 1 } });
    expect(matchStep(second).messages).toEqual([wording.secondMiss, reminder]);
  });

  it('offers, after a miss, the nearest topics meant for the audience, then its menu; never chat or far-off entries', () => {
    const turn = turnOf(REAL_KB, 'anything', { profile: { audience: 'parents-educators' } });
    const { kb } = turn.knowledge;
    const entry = (id: string) => {
      const found = kb.byId.get(id);
      if (!found) throw new Error(`no entry ${id}`);
      return found;
    };
    const candidates = [
      { entry: entry('industry.key-areas'), confidence: 0.29 },
      { entry: entry('parents-educators.parental-controls'), confidence: 0.28 },
      { entry: entry('chitchat.hello'), confidence: 0.27 },
      { entry: entry('parents-educators.family-agreement'), confidence: 0.1 },
    ];
    const menu = kb.audiences.profiles['parents-educators'].menu.filter((id) => id !== 'parents-educators.parental-controls');
    expect(closestTopics(turn, candidates).map((e) => e.id)).toEqual(['parents-educators.parental-controls', ...menu.slice(0, 2)]);
  });

  it('answers both parts of a question in two parts, the second read with the words of the first', () => {
    const turn = turnOf(REAL_KB, 'when was the launch event and can I watch it?');
    const reply = matchStep(turn);
    expect(reply.messages).toHaveLength(2);
    expect(reply.messages[0]).toMatch(/24 June 2020/);
    expect(reply.messages[1]).toMatch(/recorded webcast/);
    expect(reply.outcome).toMatchObject({ kind: 'answer', entryId: 'event.date' });
    expect(turn.conversation.lastAnswerId).toBe('event.recording');
  });

  it('answers one question once, even when it has "and" in it', () => {
    const reply = matchStep(turnOf(REAL_KB, 'what is grooming and sextortion'));
    expect(reply.messages.length).toBeLessThanOrEqual(1);
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

  describe('a question about helplines that names a country (issue 15, point 6)', () => {
    const ask = (text: string) => matchStep(turnOf(REAL_KB, text, { profile: { audience: 'children' } }));

    it("answers with that country's own services, not a list of other countries", () => {
      const reply = ask('Which number can a child call in Brazil?');
      const text = reply.messages.join('\n');
      expect(reply.outcome).toMatchObject({ kind: 'answer', entryId: 'help.country-helplines' });
      expect(text).toContain(wording.countryHelplines('Brazil', 'the local emergency number'));
      // helplines.md §2: Disque 100 is a reporting line; no child helpline is verified for Brazil.
      expect(text).toContain(wording.noChildHelpline('Brazil'));
      expect(text).toMatch(/Where to report it \(Brazil\):\n- Disque 100 – Disque Direitos Humanos: 100/);
      expect(text).not.toMatch(/0800 1111|Germany|Kenya/);
    });

    it('gives the child helpline first where one is verified', () => {
      const text = ask('what is the child helpline number in japan').messages.join('\n');
      expect(text).toMatch(/Talk to someone now \(Japan\):\n- 24-hour Children's SOS Dial[^\n]*0120-0-78310/);
      expect(text).not.toContain('0800 1111');
    });

    it("keeps the entry's own list when the question names no country", () => {
      const text = ask('what are the child helpline numbers in different countries').messages.join('\n');
      expect(text).toContain('0800 1111');
      expect(text).toContain('1098');
    });
  });
});

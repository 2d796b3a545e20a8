import { safetyStep } from '../../dialogs/safetyStep';
import { wording } from '../../dialogs/wording';
import { detectDisclosure } from '../../knowledge/safety';
import { REAL_KB } from '../helpers/kbFolder';
import { turnOf } from '../helpers/turns';

type Options = Parameters<typeof turnOf>[2];

/** The safety step as the pipeline runs it: the disclosure looked for in the message as written. */
function safetyFor(text: string, options: Options = {}) {
  const turn = turnOf(REAL_KB, text, options);
  return { reply: safetyStep(turn, detectDisclosure(turn.said, turn.knowledge.kb.safety.lexicon)), turn };
}

const SEXTORTION = 'he says he will share my nudes unless i send more';

describe('safetyStep', () => {
  it('answers a disclosure with the safety answer for its category, and asks the country once when it is unknown', () => {
    const { reply, turn } = safetyFor(SEXTORTION, { profile: { audience: 'children' } });
    expect(reply?.outcome).toMatchObject({ kind: 'safety', entryId: 'safety.sextortion' });
    expect(reply?.messages[0]).toMatch(/not your fault/);
    expect(reply?.messages.join('\n')).toMatch(/Do not pay/);
    expect(reply?.messages.at(-1)).toBe(wording.whichCountry);
    expect(turn.profile.askedCountry).toBe(true);
    expect(turn.conversation.safetyPending).toBe('sextortion');
  });

  it("gives the helplines of the locale's country straight away, and remembers it", () => {
    const { reply, turn } = safetyFor(SEXTORTION, { profile: { audience: 'children' }, message: { locale: 'en-GB' } });
    expect(reply?.messages.join('\n')).toContain('Childline: 0800 1111');
    expect(reply?.messages.at(-1)).toBe(wording.keepTalking);
    expect(turn.profile.country).toBe('gb');
  });

  it('does not ask the country a second time', () => {
    const { reply } = safetyFor(SEXTORTION, { profile: { audience: 'children', askedCountry: true } });
    expect(reply?.messages.at(-1)).toBe(wording.keepTalking);
  });

  it('completes the safety answer when a bare country name answers "Which country are you in?"', () => {
    const { reply, turn } = safetyFor('Canada', { profile: { audience: 'children', askedCountry: true }, conversation: { safetyPending: 'sextortion' } });
    expect(reply?.messages[0]).toBe(wording.countryNoted('Canada', '911'));
    expect(reply?.messages[1]).toContain('Kids Help Phone: 1-800-668-6868');
    expect(reply?.outcome).toMatchObject({ kind: 'safety', entryId: 'safety.sextortion' });
    expect(turn.conversation.safetyPending).toBeUndefined();
  });

  it('keeps a country said in passing, and lets a question said with it go on without the country', () => {
    const kept = safetyFor("I'm in Canada");
    expect(kept.reply?.messages).toEqual([wording.countryKept('Canada')]);
    expect(kept.turn.profile.country).toBe('ca');
    const asked = safetyFor("I'm in Canada, what is grooming?");
    expect(asked.reply).toBeUndefined();
    expect(asked.turn.profile.country).toBe('ca');
    expect(asked.turn.text).toBe('what is grooming');
  });

  it('leaves an ordinary question to the next steps, and forgets a pending country question', () => {
    const { reply, turn } = safetyFor('What is grooming?', { conversation: { safetyPending: 'grooming' } });
    expect(reply).toBeUndefined();
    expect(turn.conversation.safetyPending).toBeUndefined();
  });
});

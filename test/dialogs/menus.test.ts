import { audienceChoices, flowSuggestions, greet, knownUserSuggestions, learn, menuSuggestions } from '../../dialogs/menus';
import { wording } from '../../dialogs/wording';
import { REAL_KB, SMALL_KB } from '../helpers/kbFolder';
import { turnOf } from '../helpers/turns';

const titles = (suggestions: { title: string }[]) => suggestions.map((s) => s.title);
const QUIZ = 'Quiz: how safe are you online?';

describe('menus', () => {
  it('offers the audience choices as buttons that set the audience', () => {
    const choices = audienceChoices(turnOf(SMALL_KB, '').knowledge.kb);
    expect(choices.map((c) => [c.title, c.action])).toEqual([
      ['Child', { kind: 'audience', audience: 'children' }],
      ['Parent', { kind: 'audience', audience: 'parents-educators' }],
      ['Something else', { kind: 'audience', audience: 'general' }],
    ]);
  });

  it("gives each audience its own guided flow and topics", () => {
    const child = menuSuggestions(turnOf(REAL_KB, '', { profile: { audience: 'children' } }));
    expect(titles(child)[0]).toBe(QUIZ);
    const industry = menuSuggestions(turnOf(REAL_KB, '', { profile: { audience: 'industry' } }));
    expect(titles(industry)).not.toContain(QUIZ);
  });

  it('offers to continue or restart a flow left behind, unless the user has since said it is not for them', () => {
    const paused = { flow: { flowId: 'safety-quiz', step: 2, picks: {}, paused: true } };
    expect(titles(flowSuggestions(turnOf(REAL_KB, '', { profile: { audience: 'children' }, conversation: paused }), 'safety-quiz'))).toEqual([wording.resumeFlow(QUIZ), wording.restartFlow(QUIZ)]);
    const nowAParent = turnOf(REAL_KB, '', { profile: { audience: 'parents-educators' }, conversation: paused });
    expect(titles(flowSuggestions(nowAParent, 'family-plan'))).not.toContain(wording.resumeFlow(QUIZ));
    // Asked for no flow in particular (after a miss, say), the one left is still offered.
    expect(titles(flowSuggestions(nowAParent, undefined))).toEqual([wording.resumeFlow(QUIZ), wording.restartFlow(QUIZ)]);
  });

  it("learns who the user is, with the age band from a child's age or their child's", () => {
    const child = turnOf(SMALL_KB, '');
    expect(learn(child, 'children', 7)).toBe('children and young people');
    expect(child.profile).toEqual({ audience: 'children', age: 7, ageBand: 'young' });
    const parent = turnOf(SMALL_KB, '');
    learn(parent, 'parents-educators', undefined, 12);
    expect(parent.profile).toEqual({ audience: 'parents-educators', childAge: 12, ageBand: 'older' });
  });

  it("greets with the audience's greeting; a child whose age is unknown is asked it", () => {
    const child = turnOf(SMALL_KB, '', { profile: { audience: 'children' } });
    expect(greet(child, ['Lead.']).messages).toEqual(['Lead.', 'Hi! Ask me about fruit.', wording.askAge]);
    expect(child.conversation.askedAge).toBe(true);
    const known = turnOf(SMALL_KB, '', { profile: { audience: 'children', ageBand: 'older' } });
    expect(greet(known, []).messages).toEqual(['Hi! Ask me about fruit.']);
    expect(titles(knownUserSuggestions(known))).toEqual(['What colour are pears?', 'Apple colours', 'What do apples taste like?']);
  });
});

import { pickOption, stepsFor, summaryReply } from '../../dialogs/guidedFlow';
import { loadKnowledgeBase } from '../../knowledge/load';
import { REAL_KB } from '../helpers/kbFolder';

const kb = loadKnowledgeBase(REAL_KB);
const quiz = kb.flows.get('safety-quiz');
const productCheck = kb.flows.get('product-check');

describe('guided flows as data', () => {
  it('loads one flow per audience profile that names one', () => {
    const named = Object.values(kb.audiences.profiles).flatMap((profile) => (profile.flow ? [profile.flow] : []));
    expect([...kb.flows.keys()].sort()).toEqual([...new Set(named)].sort());
  });

  it('skips steps meant for other ages, and steps with an age when the age is unknown', () => {
    if (!quiz) throw new Error('no quiz');
    const everyone = quiz.steps.filter((step) => !step.ages).length;
    expect(stepsFor(quiz, '9-12')).toHaveLength(everyone);
    expect(stepsFor(quiz, undefined)).toHaveLength(everyone);
    expect(stepsFor(quiz, '13-18').length).toBeGreaterThan(everyone);
  });

  it('picks an option by number or label, and nothing else', () => {
    if (!productCheck) throw new Error('no product check');
    const [step] = productCheck.steps;
    expect(pickOption(step, '2')).toBe(1);
    expect(pickOption(step, ' partly ')).toBe(1);
    expect(pickOption(step, '9')).toBeUndefined();
    expect(pickOption(step, 'what is CSAM?')).toBeUndefined();
  });

  it('sums up the notes of the options picked, with where the guideline covers them', () => {
    if (!productCheck) throw new Error('no product check');
    const allNo = Object.fromEntries(productCheck.steps.map((step) => [step.id, 2]));
    const summary = summaryReply(kb, productCheck, productCheck.steps, allNo);
    const notes = productCheck.steps.map((step) => step.options[2].note);
    for (const note of notes) expect(summary.messages[0]).toContain(note);
    expect(summary.suggestions.length).toBeGreaterThan(1);
    const allYes = summaryReply(kb, productCheck, productCheck.steps, Object.fromEntries(productCheck.steps.map((step) => [step.id, 0])));
    expect(allYes.messages[0]).toContain(productCheck.summary.empty);
  });

  it('scores a quiz', () => {
    if (!quiz) throw new Error('no quiz');
    const steps = stepsFor(quiz, '13-18');
    const right = Object.fromEntries(steps.map((step) => [step.id, step.options.findIndex((o) => o.correct)]));
    expect(summaryReply(kb, quiz, steps, right).messages[0]).toContain(`You got ${steps.length} of ${steps.length}`);
  });
});

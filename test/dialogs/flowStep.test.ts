import { enterFlow, flowStep } from '../../dialogs/flowStep';
import { stepsFor } from '../../dialogs/guidedFlow';
import { wording } from '../../dialogs/wording';
import { detectDisclosure } from '../../knowledge/safety';
import { REAL_KB } from '../helpers/kbFolder';
import { snapshotOf, turnOf } from '../helpers/turns';

const { kb } = snapshotOf(REAL_KB);
const quiz = kb.flows.get('safety-quiz')!;
const steps = stepsFor(quiz, '9-12');
const progressAt = (step: number, paused?: boolean) => ({ flowId: quiz.id, step, picks: {}, ...(paused ? { paused } : {}) });

/** The flow step as the pipeline runs it, for a 10-year-old in the quiz. */
function inQuiz(text: string, step = 0, paused?: boolean) {
  const turn = turnOf(REAL_KB, text, { profile: { audience: 'children', ageBand: '9-12' }, conversation: { flow: progressAt(step, paused) } });
  return { reply: flowStep(turn, detectDisclosure(turn.said, kb.safety.lexicon)), turn };
}

describe('enterFlow', () => {
  it("starts a flow with its intro, the first step's question, its options and a way out", () => {
    const turn = turnOf(REAL_KB, 'Quiz', { profile: { audience: 'children', ageBand: '9-12' }, conversation: { lastAnswerId: 'event.date' } });
    const reply = enterFlow(turn, progressAt(0), quiz.intro);
    expect(reply.messages).toEqual([quiz.intro, steps[0].ask]);
    expect(reply.suggestions.map((s) => s.title)).toEqual([...steps[0].options.map((o) => o.label), wording.stopFlow]);
    expect(turn.conversation.flow).toEqual({ flowId: quiz.id, step: 0, picks: {} });
    expect(turn.conversation.lastAnswerId).toBeUndefined();
  });

  it('resumes a paused flow where it was, no longer paused', () => {
    const turn = turnOf(REAL_KB, 'continue', { profile: { audience: 'children', ageBand: '9-12' }, conversation: { flow: progressAt(2, true) } });
    const reply = enterFlow(turn, turn.conversation.flow!, wording.flowResumed(quiz.title));
    expect(reply.messages).toEqual([wording.flowResumed(quiz.title), steps[2].ask]);
    expect(turn.conversation.flow?.paused).toBeUndefined();
  });

  it('points to a one-to-one chat where several people talk, and starts nothing', () => {
    const turn = turnOf(REAL_KB, 'Quiz', { message: { shared: true } });
    expect(enterFlow(turn, progressAt(0), quiz.intro).messages).toEqual([wording.flowsNeedAPersonalChat]);
    expect(turn.conversation.flow).toBeUndefined();
  });

  it('says there is nothing to carry on with when the step is gone (the flow changed)', () => {
    const turn = turnOf(REAL_KB, 'continue', { conversation: { flow: progressAt(99, true) } });
    expect(enterFlow(turn, turn.conversation.flow!, '').messages).toEqual([wording.nothingToResume]);
    expect(turn.conversation.flow).toBeUndefined();
  });
});

describe('flowStep', () => {
  it("takes an option by its number or label: the option's feedback, then the next step", () => {
    for (const text of ['1', steps[0].options[0].label.toUpperCase()]) {
      const { reply, turn } = inQuiz(text);
      expect(reply?.messages).toEqual([steps[0].options[0].feedback, steps[1].ask]);
      expect(turn.conversation.flow).toMatchObject({ step: 1, picks: { [steps[0].id]: 0 } });
    }
  });

  it('ends with the summary after the last step, and forgets the flow', () => {
    const last = steps.length - 1;
    const { reply, turn } = inQuiz('1', last);
    expect(reply?.messages[0]).toBe(steps[last].options[0].feedback);
    expect(reply?.messages[1]).toContain(quiz.summary.intro);
    expect(turn.conversation.flow).toBeUndefined();
  });

  it('lets any other message leave the flow, paused, for the next steps to answer', () => {
    for (const text of ['what is grooming?', 'stop', "I'm a parent", '9']) {
      const { reply, turn } = inQuiz(text);
      expect(reply).toBeUndefined();
      expect(turn.conversation.flow).toMatchObject({ step: 0, paused: true });
      expect(turn.leftFlow).toBe(true);
    }
  });

  it('lets a disclosure leave the flow, so the safety answer comes first', () => {
    const text = 'a man online keeps asking me to send him pictures of my body';
    expect(detectDisclosure(text, kb.safety.lexicon)).toBeDefined();
    const { reply, turn } = inQuiz(text);
    expect(reply).toBeUndefined();
    expect(turn.conversation.flow?.paused).toBe(true);
  });

  it('leaves a paused flow alone, and clears one whose step is gone', () => {
    const paused = inQuiz('1', 0, true);
    expect(paused.reply).toBeUndefined();
    expect(paused.turn.conversation.flow).toEqual(progressAt(0, true));
    expect(paused.turn.leftFlow).toBe(false);
    const gone = inQuiz('1', 99);
    expect(gone.reply).toBeUndefined();
    expect(gone.turn.conversation.flow).toBeUndefined();
  });
});

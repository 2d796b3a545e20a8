import { MemoryInsightRecorder } from '../../dialogs/insights';
import { ConversationPipeline } from '../../dialogs/pipeline';
import type { TurnState } from '../../dialogs/state';
import { wording } from '../../dialogs/wording';
import { DEFAULT_SEARCH_SETTINGS } from '../../knowledge/search';
import { KnowledgeStore } from '../../knowledge/store';
import { REAL_KB } from '../helpers/kbFolder';
import { messageOf } from '../helpers/turns';

const store = new KnowledgeStore(REAL_KB, DEFAULT_SEARCH_SETTINGS);
store.reload();
const pipeline = new ConversationPipeline({ store, insights: new MemoryInsightRecorder(), maxMessageLength: 500 });
const QUIZ = 'Quiz: how safe are you online?';
const DISCLOSURE = 'he says he will share my nudes unless i send more';

const child = (): TurnState => ({ profile: { audience: 'children', ageBand: '9-12', country: 'gb' }, conversation: {} });
const titles = (reply: { suggestions: { title: string }[] }) => reply.suggestions.map((s) => s.title);

describe('the pipeline: the steps in order', () => {
  it('runs a guided flow: started by its title, moved on by an option', () => {
    const state = child();
    const started = pipeline.decide(messageOf(QUIZ), state);
    expect(started.messages[1]).toBe('Do you have rights when you are online?');
    const next = pipeline.decide(messageOf('1'), state);
    expect(next.messages[0]).toMatch(/^That's right!/);
    expect(state.conversation.flow).toMatchObject({ step: 1 });
  });

  it('puts safety first: a disclosure inside a flow gets the safety answer, and the flow waits', () => {
    const state = child();
    pipeline.decide(messageOf(QUIZ), state);
    const reply = pipeline.decide(messageOf(DISCLOSURE), state);
    expect(reply.outcome).toMatchObject({ kind: 'safety', entryId: 'safety.sextortion' });
    expect(reply.messages.join('\n')).toContain('Childline: 0800 1111');
    expect(state.conversation.flow?.paused).toBe(true);
  });

  it('answers a question that leaves a flow, offering to continue it first', () => {
    const state = child();
    pipeline.decide(messageOf(QUIZ), state);
    const reply = pipeline.decide(messageOf('what is cyberbullying?'), state);
    expect(reply.outcome.kind).toBe('answer');
    expect(titles(reply).slice(0, 2)).toEqual([wording.resumeFlow(QUIZ), wording.restartFlow(QUIZ)]);
    expect(pipeline.decide(messageOf(wording.resumeFlow(QUIZ)), state).messages[0]).toBe(wording.flowResumed(QUIZ));
  });

  it('answers the question in a message with personal data, the kind note first; after a safety answer, the note last', () => {
    const answered = pipeline.decide(messageOf('my email is kai@example.com, when was the launch event?'), { profile: {}, conversation: {} });
    expect(answered.messages[0]).toMatch(/Please don't share your e-mail address/);
    expect(answered.messages[1]).toContain('24 June 2020');
    expect(answered.outcome).toMatchObject({ kind: 'answer', entryId: 'event.date', pii: true });
    const safety = pipeline.decide(messageOf(`${DISCLOSURE}, my number is 07700 900123`), child());
    expect(safety.outcome).toMatchObject({ kind: 'safety', pii: true });
    expect(safety.messages.at(-1)).toMatch(/Please don't share your phone number/);
  });

  it('remembers what it offered, so "1" picks it next turn', () => {
    const state: TurnState = { profile: {}, conversation: {} };
    const menu = pipeline.decide(messageOf('menu'), state);
    expect(state.conversation.lastSuggestions).toEqual(menu.suggestions);
    const picked = pipeline.decide(messageOf('1'), state);
    expect(picked.outcome.kind).toBe('answer');
  });

  it('offers only buttons understood without memory where several people talk', () => {
    const reply = pipeline.decide(messageOf('When was the launch event?', { shared: true }), { profile: {}, conversation: {} });
    expect(reply.messages[0]).toContain('24 June 2020');
    expect(titles(reply)).not.toContain('👍');
    expect(reply.suggestions.every((s) => s.action === undefined || s.action.kind === 'audience')).toBe(true);
  });

  it('refuses kindly before the other steps: no text, too long', () => {
    expect(pipeline.decide(messageOf('  '), child()).messages).toEqual([wording.notText]);
    expect(pipeline.decide(messageOf('x'.repeat(501)), child()).messages).toEqual([wording.tooLong(500)]);
  });

  it('says so while no knowledge base is loaded', () => {
    const empty = new ConversationPipeline({ store: new KnowledgeStore(REAL_KB, DEFAULT_SEARCH_SETTINGS), insights: new MemoryInsightRecorder(), maxMessageLength: 500 });
    expect(empty.decide(messageOf('hello'), child()).messages).toEqual([wording.notReady]);
  });
});

describe('the welcome', () => {
  it('greets a newcomer with what the bot is, and asks who they are without blocking', () => {
    const reply = pipeline.welcome(messageOf(''), { profile: {}, conversation: {} });
    expect(reply.messages).toEqual([wording.welcome, wording.whoAreYou]);
    expect(titles(reply)).toEqual(expect.arrayContaining(['Child or young person', 'Parent or carer', 'Industry']));
  });

  it('welcomes back someone it knows, with their topics; where several people talk, greets everyone alike', () => {
    const known: TurnState = { profile: { audience: 'parents-educators' }, conversation: {} };
    expect(pipeline.welcome(messageOf(''), known).messages).toEqual([wording.welcomeBack('parents, carers and educators')]);
    expect(pipeline.welcome(messageOf('', { shared: true }), known).messages).toEqual([wording.welcome, wording.whoAreYou]);
  });
});

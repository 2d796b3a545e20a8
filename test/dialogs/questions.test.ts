import { asksSomething } from '../../dialogs/questions';

describe('asksSomething: a question, rather than only saying who or where someone is', () => {
  it.each(["I'm a teacher, what's grooming?", 'we live in Canada, any helplines?', 'I am a parent. How do I set up parental controls', 'Can you help', 'tell me about sexting', 'im 15 whats the net rules challenge', "I teach pupils and I'd like to know whether the guidelines cover them"])(
    'asks: %s',
    (text) => expect(asksSomething(text)).toBe(true),
  );

  it.each(["I'm a teacher", 'I am 12', "I'm in Canada", 'parent here'])('only says: %s', (text) => expect(asksSomething(text)).toBe(false));
});

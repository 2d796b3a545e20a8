import fc from 'fast-check';
import { asksSomething, twoQuestions } from '../../dialogs/questions';

describe('asksSomething: a question, rather than only saying who or where someone is', () => {
  it.each(["I'm a teacher, what's grooming?", 'we live in Canada, any helplines?', 'I am a parent. How do I set up parental controls', 'Can you help', 'tell me about sexting', 'im 15 whats the net rules challenge', "I teach pupils and I'd like to know whether the guidelines cover them"])(
    'asks: %s',
    (text) => expect(asksSomething(text)).toBe(true),
  );

  it.each(["I'm a teacher", 'I am 12', "I'm in Canada", 'parent here'])('only says: %s', (text) => expect(asksSomething(text)).toBe(false));
});

describe('twoQuestions: where a second question starts', () => {
  it.each([
    ['when was the launch event and can I watch it?', ['when was the launch event', 'can I watch it?']],
    ['who moderated and who opened it?', ['who moderated', 'who opened it?']],
    ['When was it? Can I watch it?', ['When was it', 'Can I watch it?']],
    ['what languages are they in, and where do I download them', ['what languages are they in', 'where do I download them']],
    ['what is sango? also how old is it for', ['what is sango', 'how old is it for']],
  ])('cuts %s', (text, parts) => expect(twoQuestions(text)).toEqual(parts));

  it.each(['what is grooming and sextortion', 'my son is 12 and wants instagram, should I let him?', 'how do i keep my 8 year old safe on youtube', 'cats and dogs', 'hi? and who', 'what are the risks and harms for children online'])(
    'leaves one question whole: %s',
    (text) => expect(twoQuestions(text)).toBeUndefined(),
  );

  it('only ever cuts a message into two parts it contains, in order, each with words of its own', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('when', 'was', 'the', 'launch', 'and', 'can', 'I', 'watch', 'it', '?', ',', 'who', 'opened', 'also', '&', 'x'), { maxLength: 14 }), (words) => {
        const text = words.join(' ');
        const parts = twoQuestions(text);
        if (parts === undefined) return;
        const [first, second] = parts;
        expect(text.indexOf(first)).toBe(0);
        expect(text.lastIndexOf(second)).toBeGreaterThan(first.length - 1);
        expect(first.replace(/[^\p{L}]/gu, '').length).toBeGreaterThanOrEqual(6);
        expect(second.replace(/[^\p{L}]/gu, '').length).toBeGreaterThanOrEqual(6);
      }),
    );
  });
});

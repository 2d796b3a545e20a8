import { normaliseStep } from '../../dialogs/normaliseStep';
import { wording } from '../../dialogs/wording';
import { messageOf } from '../helpers/turns';

describe('normaliseStep', () => {
  it('asks for typed text when a message has none (a picture, a sticker, only spaces)', () => {
    for (const text of ['', '   \n']) expect(normaliseStep(messageOf(text), 500)).toMatchObject({ messages: [wording.notText], outcome: { kind: 'fallback' } });
  });

  it('refuses an over-long message kindly, naming the limit, and counts without the spaces around it', () => {
    expect(normaliseStep(messageOf('a'.repeat(41)), 40)?.messages).toEqual([wording.tooLong(40)]);
    expect(normaliseStep(messageOf(`  ${'a'.repeat(40)}  `), 40)).toBeUndefined();
  });

  it('lets an ordinary message through to the next steps', () => {
    expect(normaliseStep(messageOf('When was the launch event?'), 500)).toBeUndefined();
  });
});

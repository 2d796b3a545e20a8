import { onlyPersonalData, readPrivately, withPersonalDataNote } from '../../dialogs/privacyStep';
import { outcomeOf, replyOf } from '../../dialogs/reply';
import { REAL_KB } from '../helpers/kbFolder';
import { snapshotOf, turnOf } from '../helpers/turns';

const { kb } = snapshotOf(REAL_KB);

describe('readPrivately', () => {
  it('keeps only placeholders of personal data, and gives the steps the question without it', () => {
    expect(readPrivately(kb, "I'm Kai from Leeds, what is grooming?")).toMatchObject({
      text: 'what is grooming?',
      stored: "I'm [name] from [place], what is grooming?",
      finding: { kinds: ['name', 'place'] },
    });
    expect(readPrivately(kb, 'my email is kai@example.com, when was the launch event?')).toMatchObject({ text: 'when was the launch event?', stored: 'my email is [email], when was the launch event?' });
  });

  it('leaves a message without personal data as it is', () => {
    expect(readPrivately(kb, 'When was the launch event?')).toEqual({ text: 'When was the launch event?', stored: 'When was the launch event?', finding: undefined });
  });
});

describe('onlyPersonalData', () => {
  it('answers a message that was little but personal data with the menu only (the note comes with it)', () => {
    const turn = turnOf(REAL_KB, 'my number is 07700 900123', { profile: { audience: 'parents-educators' } });
    const reply = onlyPersonalData(turn, readPrivately(kb, turn.said).finding);
    expect(reply?.messages).toEqual([]);
    expect(reply?.suggestions.length).toBeGreaterThan(0);
  });

  it('lets a question with personal data in it go on to be answered', () => {
    const turn = turnOf(REAL_KB, "I'm Kai from Leeds, what is grooming?");
    expect(onlyPersonalData(turn, readPrivately(kb, turn.said).finding)).toBeUndefined();
  });
});

describe('withPersonalDataNote', () => {
  const finding = readPrivately(kb, 'my number is 07700 900123 and my email is a@b.co').finding;

  it('puts the kind note before an answer and marks the outcome pii, naming every kind found', () => {
    const noted = withPersonalDataNote(replyOf(['The answer.'], [], outcomeOf('answer', 'event.date', 0.9)), finding, 'before');
    expect(noted.messages).toHaveLength(2);
    expect(noted.messages[0]).toMatch(/Please don't share your phone number or e-mail address/);
    expect(noted.messages[1]).toBe('The answer.');
    expect(noted.outcome).toEqual({ kind: 'answer', entryId: 'event.date', confidence: 0.9, pii: true });
  });

  it('puts it after what the safety step said, which comes first', () => {
    const noted = withPersonalDataNote(replyOf(['Safety first.'], [], outcomeOf('safety', 'safety.grooming')), finding, 'after');
    expect(noted.messages[0]).toBe('Safety first.');
    expect(noted.messages[1]).toMatch(/Please don't share/);
  });

  it('changes nothing when there was no personal data', () => {
    const reply = replyOf(['The answer.'], []);
    expect(withPersonalDataNote(reply, undefined, 'before')).toBe(reply);
  });
});

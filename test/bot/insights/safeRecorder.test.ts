import { SafeInsightRecorder } from '../../../bot/insights/safeRecorder';
import type { Logger } from '../../../bot/logger';
import { MemoryInsightRecorder, type InsightRecorder } from '../../../dialogs/insights';

const at = new Date('2026-12-01T10:00:00Z');

function recordingLogger() {
  const errors: string[] = [];
  const logger = { error: (_fields: object, message: string) => errors.push(message) } as unknown as Logger;
  return { logger, errors };
}

describe('SafeInsightRecorder', () => {
  it('passes records through to the store', () => {
    const inner = new MemoryInsightRecorder();
    const safe = new SafeInsightRecorder(inner, recordingLogger().logger);
    safe.recordTurn({ at, channel: 'emulator', audience: 'general', kind: 'answer', entryId: 'event.date', confidence: 0.9 });
    safe.recordVote({ at, entryId: 'event.date', helpful: true, audience: 'general', channel: 'emulator' });
    expect(inner.turns).toHaveLength(1);
    expect(inner.votes).toHaveLength(1);
    expect(safe.hashUser('u')).toBe(inner.hashUser('u'));
  });

  it('never costs a user their answer: a store that fails (disk full, say) is logged, not thrown', () => {
    const failing: InsightRecorder = {
      recordTurn: () => {
        throw new Error('SQLITE_FULL');
      },
      recordVote: () => {
        throw new Error('SQLITE_FULL');
      },
      recordMiss: () => {
        throw new Error('SQLITE_FULL');
      },
      hashUser: (id) => id,
    };
    const { logger, errors } = recordingLogger();
    const safe = new SafeInsightRecorder(failing, logger);
    expect(() => safe.recordTurn({ at, channel: 'emulator', audience: 'general', kind: 'fallback', entryId: null, confidence: 0 })).not.toThrow();
    expect(() => safe.recordMiss({ at, reason: 'fallback', question: 'q', normalised: 'q', audience: 'general', channel: 'emulator', candidates: [], entryId: null, userHash: 'h' })).not.toThrow();
    expect(errors).toEqual(['could not record a turn for the organisers', 'could not record an unanswered question for the organisers']);
  });
});

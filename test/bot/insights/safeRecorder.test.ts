import { SafeInsightRecorder } from '../../../bot/insights/safeRecorder';
import type { Logger } from '../../../bot/logger';
import { MemoryInsightRecorder, type InsightRecorder } from '../../../dialogs/insights';

const at = new Date('2026-12-01T10:00:00Z');

function recordingLogger() {
  const errors: string[] = [];
  const warnings: string[] = [];
  const logger = { error: (_fields: object, message: string) => errors.push(message), warn: (_fields: object, message: string) => warnings.push(message) } as unknown as Logger;
  return { logger, errors, warnings };
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

  it('waits for a store that writes in the background, but a slow one delays the reply by the wait at most', async () => {
    let finish: () => void = () => undefined;
    const slow = Object.assign(new MemoryInsightRecorder(), { flushed: () => new Promise<void>((resolve) => (finish = resolve)) });
    const { logger, warnings } = recordingLogger();
    const safe = new SafeInsightRecorder(slow, logger);
    const started = Date.now();
    await safe.flushed(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(warnings).toEqual(["the organisers' database is slow: the reply went before its records were stored"]);
    finish();

    const quick = new SafeInsightRecorder(Object.assign(new MemoryInsightRecorder(), { flushed: () => Promise.resolve() }), logger);
    await quick.flushed(50);
    expect(warnings).toHaveLength(1);
  });

  it('waits for nothing, with no timer, when nothing is being written (SQLite, memory)', () => {
    const { logger } = recordingLogger();
    expect(new SafeInsightRecorder(new MemoryInsightRecorder(), logger).flushed()).toBeUndefined();
    expect(new SafeInsightRecorder(Object.assign(new MemoryInsightRecorder(), { flushed: () => undefined }), logger).flushed()).toBeUndefined();
  });

  it('resolves, logged, when the store reports a failure while flushing', async () => {
    const failing = Object.assign(new MemoryInsightRecorder(), { flushed: () => Promise.reject(new Error('connection lost')) });
    const { logger, errors } = recordingLogger();
    await expect(new SafeInsightRecorder(failing, logger).flushed()).resolves.toBeUndefined();
    expect(errors).toEqual(['could not record for the organisers']);
  });
});

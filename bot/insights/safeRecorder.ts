import type { InsightRecorder, MissRecord, TurnRecord, VoteRecord } from '../../dialogs/insights';
import type { Logger } from '../logger';
import type { InsightsStore } from './store';

/** How long a turn waits for its records before it replies anyway. */
const FLUSH_WAIT_MS = 2000;

/**
 * What organisers keep must never cost a user their answer: a recorder that fails (disk full, say) is logged, not
 * thrown. A store that writes in the background (PostgreSQL) reports its own failures the same way.
 */
export class SafeInsightRecorder implements InsightRecorder {
  constructor(
    private readonly inner: InsightRecorder & Partial<Pick<InsightsStore, 'flushed'>>,
    private readonly logger: Logger,
  ) {}

  private attempt(what: string, record: () => void): void {
    try {
      record();
    } catch (error) {
      this.logger.error({ err: error }, `could not record ${what} for the organisers`);
    }
  }

  recordTurn(turn: TurnRecord): void {
    this.attempt('a turn', () => this.inner.recordTurn(turn));
  }

  recordVote(vote: VoteRecord): void {
    this.attempt('a vote', () => this.inner.recordVote(vote));
  }

  recordMiss(miss: MissRecord): void {
    this.attempt('an unanswered question', () => this.inner.recordMiss(miss));
  }

  /**
   * Resolves once what was recorded so far is stored, or after `waitMs` at most: a slow database delays a reply by
   * that much, never more, and the write goes on. Never rejects. Undefined when nothing is being written (SQLite,
   * memory), so a turn then waits for nothing and sets no timer.
   */
  flushed(waitMs = FLUSH_WAIT_MS): Promise<void> | undefined {
    const writing = this.inner.flushed?.();
    return writing && this.waitFor(writing, waitMs);
  }

  private async waitFor(writing: Promise<void>, waitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
    try {
      if ((await Promise.race([writing, late])) === 'late') this.logger.warn({ waitMs }, 'the organisers\' database is slow: the reply went before its records were stored');
    } catch (error) {
      this.logger.error({ err: error }, 'could not record for the organisers');
    } finally {
      clearTimeout(timer);
    }
  }

  hashUser(userId: string): string {
    return this.inner.hashUser(userId);
  }
}

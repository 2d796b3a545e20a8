import type { InsightRecorder, MissRecord, TurnRecord, VoteRecord } from '../../dialogs/insights';
import type { Logger } from '../logger';
import type { InsightsStore } from './store';

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

  /** Resolves once what was recorded so far is stored (at once for SQLite and memory); never rejects. */
  async flushed(): Promise<void> {
    try {
      await this.inner.flushed?.();
    } catch (error) {
      this.logger.error({ err: error }, 'could not record for the organisers');
    }
  }

  hashUser(userId: string): string {
    return this.inner.hashUser(userId);
  }
}

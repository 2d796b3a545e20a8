import type { InsightRecorder } from '../../dialogs/insights';
import type { ReportData } from './report';

/**
 * The organisers' data wherever it is kept: a SQLite file for a single instance (`InsightsDatabase`), or
 * PostgreSQL shared by every instance (`PostgresInsights`, when DATABASE_URL is set). Both run the same schema
 * versions, keep the same rows and give the report, the inbox and retention the same answers.
 */
export interface InsightsStore extends InsightRecorder {
  /** Where the data is, for the log: a file, or a PostgreSQL host and database (never a password). */
  readonly where: string;
  /**
   * Resolves once everything recorded so far is stored; undefined when nothing is being written (SQLite's records
   * are stored when made). A record that failed is reported where it failed, not here.
   */
  flushed(): Promise<void> | undefined;
  /** Every turn, vote and unanswered question from `since` on, oldest first. */
  readSince(since: Date): Promise<ReportData>;
  /** Deletes everything older than `cutoff`: how many rows went (SQLite answers at once, PostgreSQL in a promise). */
  purge(cutoff: Date): number | Promise<number>;
  close(): Promise<void>;
}

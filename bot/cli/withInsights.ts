import path from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/load';
import type { KnowledgeBase } from '../../knowledge/types';
import { loadConfig } from '../config';
import { InsightsDatabase } from '../insights/database';
import { SinceError } from '../insights/report';
import { explainStartError } from './command';

/**
 * Opens what the organisers' commands read: the configuration (as every command reads it), the knowledge base
 * and the insights database (`--db` or DATABASE_FILE), runs `work` and closes the database.
 */
export function withInsights<T>(db: string | boolean | undefined, work: (data: { database: InsightsDatabase; kb: KnowledgeBase }) => T): T {
  const config = loadConfig();
  const kb = loadKnowledgeBase(config.knowledgeFolder);
  const database = new InsightsDatabase(typeof db === 'string' ? path.resolve(db) : config.databaseFile);
  try {
    return work({ database, kb });
  } finally {
    database.close();
  }
}

/** The errors these commands expect, said in one line: those of every command, and a bad `--since`. */
export function explainInsightsError(error: unknown): string | undefined {
  return error instanceof SinceError ? error.message : explainStartError(error);
}

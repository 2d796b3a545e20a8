import path from 'node:path';
import dotenv from 'dotenv';
import { KnowledgeError } from '../../knowledge/errors';
import { loadKnowledgeBase } from '../../knowledge/load';
import type { KnowledgeBase } from '../../knowledge/types';
import { ConfigError, PROJECT_ROOT, readConfig } from '../config';
import { InsightsDatabase } from '../insightsDb';
import { SinceError } from '../report/report';

/**
 * Opens what the organisers' commands read: the configuration (with `.env`), the knowledge base and the
 * database (`--db` or DATABASE_FILE), runs `work` and closes the database.
 */
export function withOrganiserData<T>(db: string | boolean | undefined, work: (data: { database: InsightsDatabase; kb: KnowledgeBase }) => T): T {
  dotenv.config({ path: path.join(PROJECT_ROOT, '.env') });
  const config = readConfig(process.env);
  const kb = loadKnowledgeBase(config.knowledgeFolder);
  const database = new InsightsDatabase(typeof db === 'string' ? path.resolve(db) : config.databaseFile);
  try {
    return work({ database, kb });
  } finally {
    database.close();
  }
}

/** The errors these commands expect, said in one line. */
export function explainOrganiserError(error: unknown): string | undefined {
  return error instanceof ConfigError || error instanceof KnowledgeError || error instanceof SinceError ? error.message : undefined;
}

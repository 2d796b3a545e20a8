import path from 'node:path';
import { loadKnowledgeBase } from '../../knowledge/load';
import type { KnowledgeBase } from '../../knowledge/types';
import { loadConfig } from '../config';
import { SinceError } from '../insights/report';
import type { InsightsStore } from '../insights/store';
import { createLogger } from '../logger';
import { openInsights } from '../stores';
import { explainStartError } from './command';

/**
 * Opens what the organisers' commands read: the configuration (as every command reads it), the knowledge base
 * and the organisers' data (`--db FILE`, else PostgreSQL when DATABASE_URL is set, else DATABASE_FILE), runs
 * `work` and closes the data.
 */
export async function withInsights<T>(db: string | boolean | undefined, work: (data: { database: InsightsStore; kb: KnowledgeBase }) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const kb = loadKnowledgeBase(config.knowledgeFolder);
  const { insights, close } = await openInsights(config, createLogger('error'), typeof db === 'string' ? path.resolve(db) : undefined);
  try {
    return await work({ database: insights, kb });
  } finally {
    await close();
  }
}

/** The errors these commands expect, said in one line: those of every command, and a bad `--since`. */
export function explainInsightsError(error: unknown): string | undefined {
  return error instanceof SinceError ? error.message : explainStartError(error);
}

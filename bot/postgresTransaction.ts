import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. With
 * `lock`, it first takes that transaction-scoped advisory lock, so instances doing the same work at once (making a
 * schema on start) take turns instead of failing each other.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, lock?: number): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (lock !== undefined) await client.query('SELECT pg_advisory_xact_lock($1)', [lock]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

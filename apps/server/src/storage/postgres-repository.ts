import type { BatchPage, BatchRepository } from '@vision/core';
import pg from 'pg';
import { migratePostgres } from './postgres-migrations';
import { postgresEventRows } from './postgres-events';
import { batchInsert, batchUpdate, comparisonInsert, itemInsert, itemUpdate } from './postgres-rows';
import { toBatch, toComparison, toItem } from './rows';
import { inTransaction } from './postgres-transaction';

/**
 * Postgres at DATABASE_URL: the same repository as SQLite's (the same contract suite), for servers and workers on
 * several machines. Migrations run at open, one server at a time.
 */
export async function openPostgresRepository(databaseUrl: string, options: { poolSize?: number } = {}): Promise<BatchRepository> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // An idle client that loses its connection (Postgres restarted) is dropped from the pool, not a crash.
  pool.on('error', () => undefined);
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    ...batchRows(pool),
    ...postgresEventRows(pool),
    ...comparisonRows(pool),
    ...thumbnailRows(pool),
    close: () => pool.end(),
  };
}

type Rows<K extends keyof BatchRepository> = Pick<BatchRepository, K>;

function batchWrites(pool: pg.Pool): Rows<'createBatch' | 'updateItems' | 'updateBatch' | 'deleteBatch' | 'setLabels'> {
  return {
    async createBatch(batch, items) {
      await inTransaction(pool, async (client) => {
        await client.query(batchInsert(batch));
        for (const item of items) await client.query(itemInsert(batch.batchId, item));
      });
    },
    async updateItems(batchId, items) {
      if (!items.length) return;
      await inTransaction(pool, async (client) => {
        for (const item of items) await client.query(itemUpdate(batchId, item));
      });
    },
    async updateBatch(batchId, patch) {
      const statement = batchUpdate(batchId, patch);
      if (statement) await pool.query(statement);
    },
    async deleteBatch(batchId) {
      await pool.query('DELETE FROM batches WHERE id = $1', [batchId]);
    },
    async setLabels(batchId, labels) {
      if (!labels.length) return;
      await inTransaction(pool, async (client) => {
        for (const { index, label } of labels)
          await client.query('UPDATE items SET label = $1 WHERE batch_id = $2 AND idx = $3', [label, batchId, index]);
      });
    },
  };
}

function batchRows(
  pool: pg.Pool,
): Rows<
  | 'createBatch'
  | 'getBatch'
  | 'listBatches'
  | 'updateItems'
  | 'updateBatch'
  | 'unfinishedBatchIds'
  | 'deleteBatch'
  | 'batchesWaitingFor'
  | 'setLabels'
> {
  return {
    ...batchWrites(pool),
    async getBatch(batchId) {
      // One snapshot for both reads, so the items match the batch row.
      return inTransaction(
        pool,
        async (client) => {
          const batches = await client.query('SELECT * FROM batches WHERE id = $1', [batchId]);
          if (!batches.rows[0]) return undefined;
          const items = await client.query(
            'SELECT idx, filename, size, status, result, label FROM items WHERE batch_id = $1 ORDER BY idx',
            [batchId],
          );
          return { batch: toBatch(batches.rows[0]), items: items.rows.map(toItem) };
        },
        'REPEATABLE READ',
      );
    },
    async listBatches({ limit, cursor }): Promise<BatchPage> {
      const [createdAt, id] = cursor ? cursor.split('|') : [];
      const where = cursor ? 'WHERE (b.created_at, b.id) < ($2, $3)' : '';
      const result = await pool.query(
        `SELECT b.*, (SELECT COUNT(*) FROM items i WHERE i.batch_id = b.id) AS total FROM batches b ${where}
         ORDER BY b.created_at DESC, b.id DESC LIMIT $1`,
        cursor ? [limit + 1, createdAt ?? '', id ?? ''] : [limit + 1],
      );
      const batches = result.rows.slice(0, limit).map((row) => ({ ...toBatch(row), total: Number(row.total) }));
      const last = batches.at(-1);
      return { batches, nextCursor: result.rows.length > limit && last ? `${last.createdAt}|${last.batchId}` : null };
    },
    async unfinishedBatchIds() {
      const result = await pool.query(`SELECT id FROM batches WHERE status IN ('queued', 'running') ORDER BY created_at`);
      return result.rows.map((row) => String(row.id));
    },
    async batchesWaitingFor(batchId) {
      const result = await pool.query(`SELECT id FROM batches WHERE run_after = $1 AND status = 'queued' ORDER BY created_at`, [batchId]);
      return result.rows.map((row) => String(row.id));
    },
  };
}

function comparisonRows(pool: pg.Pool): Rows<'createComparison' | 'getComparison' | 'deleteComparison' | 'listComparisons'> {
  return {
    async createComparison(comparison) {
      await pool.query(comparisonInsert(comparison));
    },
    async getComparison(comparisonId) {
      const result = await pool.query('SELECT * FROM comparisons WHERE id = $1', [comparisonId]);
      return result.rows[0] ? toComparison(result.rows[0]) : undefined;
    },
    async deleteComparison(comparisonId) {
      await pool.query('DELETE FROM comparisons WHERE id = $1', [comparisonId]);
    },
    async listComparisons({ limit, cursor }) {
      const [createdAt, id] = cursor ? cursor.split('|') : [];
      const result = await pool.query(
        `SELECT * FROM comparisons ${cursor ? 'WHERE (created_at, id) < ($2, $3)' : ''} ORDER BY created_at DESC, id DESC LIMIT $1`,
        cursor ? [limit + 1, createdAt ?? '', id ?? ''] : [limit + 1],
      );
      const comparisons = result.rows.slice(0, limit).map(toComparison);
      const last = comparisons.at(-1);
      return { comparisons, nextCursor: result.rows.length > limit && last ? `${last.createdAt}|${last.comparisonId}` : null };
    },
  };
}

function thumbnailRows(pool: pg.Pool): Rows<'saveThumbnail' | 'getThumbnail'> {
  return {
    async saveThumbnail(batchId, index, jpeg) {
      await pool.query('UPDATE items SET thumbnail = $1 WHERE batch_id = $2 AND idx = $3', [jpeg, batchId, index]);
    },
    async getThumbnail(batchId, index) {
      const result = await pool.query('SELECT thumbnail FROM items WHERE batch_id = $1 AND idx = $2', [batchId, index]);
      const value: unknown = result.rows[0]?.thumbnail;
      return Buffer.isBuffer(value) ? value : undefined;
    },
  };
}

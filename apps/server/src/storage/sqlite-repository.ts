import type { Client } from '@libsql/client';
import type { BatchPage, BatchRepository } from '@vision/core';
import { openDatabase } from './database';
import { eventRows } from './sqlite-events';
import { toBatch, toComparison, toItem } from './rows';
import { batchInserts, batchUpdate, comparisonInsert, itemUpdate } from './sqlite-statements';

/** SQLite in DATA_DIR: each result and its event are written in one transaction the moment they happen. */
export async function openSqliteRepository(dataDir: string): Promise<BatchRepository> {
  return createRepository(await openDatabase(dataDir));
}

function createRepository(db: Client): BatchRepository {
  return {
    ...batchRows(db),
    ...eventRows(db),
    ...comparisonRows(db),
    ...thumbnailRows(db),
    async close() {
      db.close();
    },
  };
}

type Rows<K extends keyof BatchRepository> = Pick<BatchRepository, K>;

/** Batches and their items. */
function batchRows(
  db: Client,
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
    async createBatch(batch, items) {
      await db.batch(batchInserts(batch, items), 'write');
    },
    async getBatch(batchId) {
      const [batches, items] = await db.batch(
        [
          { sql: 'SELECT * FROM batches WHERE id = ?', args: [batchId] },
          { sql: 'SELECT idx, filename, size, status, result, label FROM items WHERE batch_id = ? ORDER BY idx', args: [batchId] },
        ],
        'read',
      );
      const row = batches?.rows[0];
      return row ? { batch: toBatch(row), items: (items?.rows ?? []).map(toItem) } : undefined;
    },
    async listBatches({ limit, cursor }): Promise<BatchPage> {
      const [createdAt, id] = cursor ? cursor.split('|') : [];
      const where = cursor ? 'WHERE (b.created_at, b.id) < (?, ?)' : '';
      const result = await db.execute({
        sql: `SELECT b.*, (SELECT COUNT(*) FROM items i WHERE i.batch_id = b.id) AS total FROM batches b ${where}
              ORDER BY b.created_at DESC, b.id DESC LIMIT ?`,
        args: cursor ? [createdAt ?? '', id ?? '', limit + 1] : [limit + 1],
      });
      const rows = result.rows.slice(0, limit);
      const batches = rows.map((row) => ({ ...toBatch(row), total: Number(row.total) }));
      const last = batches.at(-1);
      return { batches, nextCursor: result.rows.length > limit && last ? `${last.createdAt}|${last.batchId}` : null };
    },
    async updateItems(batchId, items) {
      if (items.length)
        await db.batch(
          items.map((item) => itemUpdate(batchId, item)),
          'write',
        );
    },
    async updateBatch(batchId, patch) {
      const statement = batchUpdate(batchId, patch);
      if (statement) await db.execute(statement);
    },
    async unfinishedBatchIds() {
      const result = await db.execute(`SELECT id FROM batches WHERE status IN ('queued', 'running') ORDER BY created_at`);
      return result.rows.map((row) => String(row.id));
    },
    async deleteBatch(batchId) {
      await db.execute({ sql: 'DELETE FROM batches WHERE id = ?', args: [batchId] });
    },
    async batchesWaitingFor(batchId) {
      const result = await db.execute({
        sql: `SELECT id FROM batches WHERE run_after = ? AND status = 'queued' ORDER BY created_at`,
        args: [batchId],
      });
      return result.rows.map((row) => String(row.id));
    },
    async setLabels(batchId, labels) {
      if (!labels.length) return;
      await db.batch(
        labels.map(({ index, label }) => ({
          sql: 'UPDATE items SET label = ? WHERE batch_id = ? AND idx = ?',
          args: [label, batchId, index],
        })),
        'write',
      );
    },
  };
}

function comparisonRows(db: Client): Rows<'createComparison' | 'getComparison' | 'deleteComparison' | 'listComparisons'> {
  return {
    async createComparison(comparison) {
      await db.execute(comparisonInsert(comparison));
    },
    async getComparison(comparisonId) {
      const result = await db.execute({ sql: 'SELECT * FROM comparisons WHERE id = ?', args: [comparisonId] });
      const row = result.rows[0];
      return row ? toComparison(row) : undefined;
    },
    async deleteComparison(comparisonId) {
      await db.execute({ sql: 'DELETE FROM comparisons WHERE id = ?', args: [comparisonId] });
    },
    async listComparisons({ limit, cursor }) {
      const [createdAt, id] = cursor ? cursor.split('|') : [];
      const result = await db.execute({
        sql: `SELECT * FROM comparisons ${cursor ? 'WHERE (created_at, id) < (?, ?)' : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
        args: cursor ? [createdAt ?? '', id ?? '', limit + 1] : [limit + 1],
      });
      const comparisons = result.rows.slice(0, limit).map(toComparison);
      const last = comparisons.at(-1);
      return { comparisons, nextCursor: result.rows.length > limit && last ? `${last.createdAt}|${last.comparisonId}` : null };
    },
  };
}

function thumbnailRows(db: Client): Rows<'saveThumbnail' | 'getThumbnail'> {
  return {
    async saveThumbnail(batchId, index, jpeg) {
      await db.execute({ sql: 'UPDATE items SET thumbnail = ? WHERE batch_id = ? AND idx = ?', args: [jpeg, batchId, index] });
    },
    async getThumbnail(batchId, index) {
      const result = await db.execute({ sql: 'SELECT thumbnail FROM items WHERE batch_id = ? AND idx = ?', args: [batchId, index] });
      const value: unknown = result.rows[0]?.thumbnail;
      if (value instanceof ArrayBuffer) return Buffer.from(value);
      return value instanceof Uint8Array ? Buffer.from(value) : undefined;
    },
  };
}

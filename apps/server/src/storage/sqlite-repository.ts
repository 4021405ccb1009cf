import type { Client, InStatement, Row } from '@libsql/client';
import type { BatchPage, BatchRepository, StoredBatch, StoredComparison, StoredItem } from '@vision/core';
import { openDatabase } from './database';
import { eventRows } from './sqlite-events';
import { batchUpdate, itemUpdate, json } from './sqlite-statements';

/** SQLite in DATA_DIR: each result and its event are written in one transaction the moment they happen. */
export async function openSqliteRepository(dataDir: string): Promise<BatchRepository> {
  return createRepository(await openDatabase(dataDir));
}

const parse = <T>(value: unknown): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : null);

const toBatch = (row: Row): StoredBatch => ({
  batchId: String(row.id),
  model: String(row.model),
  prompt: row.prompt === null ? null : String(row.prompt),
  status: String(row.status) as StoredBatch['status'],
  createdAt: String(row.created_at),
  finishedAt: row.finished_at === null ? null : String(row.finished_at),
  elapsedS: Number(row.elapsed_s),
  stats: parse(row.stats),
  comparisonId: row.comparison_id === null || row.comparison_id === undefined ? null : String(row.comparison_id),
  runAfter: row.run_after === null || row.run_after === undefined ? null : String(row.run_after),
  runRecord: parse(row.run_record),
  concurrency: row.concurrency === null || row.concurrency === undefined ? null : Number(row.concurrency),
  ...fieldsOf(row),
});

/** A batch without fields reads back exactly as before the column existed. */
function fieldsOf(row: Row): Pick<StoredBatch, 'fields'> {
  const fields = parse<StoredBatch['fields']>(row.fields);
  return fields ? { fields } : {};
}

const toComparison = (row: Row): StoredComparison => ({
  comparisonId: String(row.id),
  createdAt: String(row.created_at),
  prompt: row.prompt === null ? null : String(row.prompt),
  models: parse<string[]>(row.models) ?? [],
  batchIds: parse<string[]>(row.batch_ids) ?? [],
  ...(typeof row.truth_field === 'string' ? { truthField: row.truth_field } : {}),
});

const toItem = (row: Row): StoredItem => ({
  index: Number(row.idx),
  filename: String(row.filename),
  size: Number(row.size),
  status: String(row.status) as StoredItem['status'],
  result: parse(row.result),
  label: row.label === null || row.label === undefined ? null : String(row.label),
});

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

/** A new batch's row and its items' rows, written together. */
function batchInserts(batch: StoredBatch, items: StoredItem[]): InStatement[] {
  return [
    {
      sql: `INSERT INTO batches (id, model, prompt, status, created_at, finished_at, elapsed_s, stats, comparison_id, run_after, run_record, concurrency, fields)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        batch.batchId,
        batch.model,
        batch.prompt,
        batch.status,
        batch.createdAt,
        batch.finishedAt,
        batch.elapsedS,
        json(batch.stats),
        batch.comparisonId,
        batch.runAfter,
        json(batch.runRecord),
        batch.concurrency,
        json(batch.fields),
      ],
    },
    ...items.map((item) => ({
      sql: 'INSERT INTO items (batch_id, idx, filename, size, status, result, label) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [batch.batchId, item.index, item.filename, item.size, item.status, json(item.result), item.label],
    })),
  ];
}

function comparisonRows(db: Client): Rows<'createComparison' | 'getComparison' | 'listComparisons'> {
  return {
    async createComparison(comparison) {
      await db.execute({
        sql: 'INSERT INTO comparisons (id, created_at, prompt, models, batch_ids, truth_field) VALUES (?, ?, ?, ?, ?, ?)',
        args: [
          comparison.comparisonId,
          comparison.createdAt,
          comparison.prompt,
          JSON.stringify(comparison.models),
          JSON.stringify(comparison.batchIds),
          comparison.truthField ?? null,
        ],
      });
    },
    async getComparison(comparisonId) {
      const result = await db.execute({ sql: 'SELECT * FROM comparisons WHERE id = ?', args: [comparisonId] });
      const row = result.rows[0];
      return row ? toComparison(row) : undefined;
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

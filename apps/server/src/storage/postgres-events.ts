import { FINAL_ITEM_STATUSES, type BatchRepository, type EventEffects, type ItemStatus, type LoggedEvent } from '@vision/core';
import type pg from 'pg';
import { batchUpdate, itemUpdate } from './postgres-rows';
import { inTransaction } from './postgres-transaction';

type Rows<K extends keyof BatchRepository> = Pick<BatchRepository, K>;

async function writeEvent(client: pg.PoolClient, batchId: string, entry: LoggedEvent, effects: EventEffects) {
  await client.query('INSERT INTO events (batch_id, id, event) VALUES ($1, $2, $3)', [batchId, entry.id, JSON.stringify(entry.event)]);
  const batch = effects.batch && batchUpdate(batchId, effects.batch);
  if (batch) await client.query(batch);
  if (effects.item) await client.query(itemUpdate(batchId, effects.item));
}

/**
 * Holds the batch's row until the transaction ends, so that writers of one batch's log (a cluster's workers) take
 * turns: each numbers its event after the last one committed. False when the batch is gone.
 */
async function lockBatch(client: pg.PoolClient, batchId: string): Promise<boolean> {
  const result = await client.query('SELECT id FROM batches WHERE id = $1 FOR UPDATE', [batchId]);
  return result.rows.length > 0;
}

async function nextEventId(client: pg.PoolClient, batchId: string): Promise<number> {
  const result = await client.query('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM events WHERE batch_id = $1', [batchId]);
  return Number(result.rows[0].id);
}

/** The event log: an event and its effect on the batch are written in one transaction. */
export function postgresEventRows(
  pool: pg.Pool,
): Rows<'recordEvent' | 'appendEvent' | 'recordItemResultOnce' | 'recordBatchFinishedOnce' | 'events' | 'lastEventId'> {
  return {
    async recordEvent(batchId, entry, effects) {
      await inTransaction(pool, async (client) => {
        await lockBatch(client, batchId);
        await writeEvent(client, batchId, entry, effects);
      });
    },
    async appendEvent(batchId, event, effects) {
      return inTransaction(pool, async (client) => {
        if (!(await lockBatch(client, batchId))) throw new Error(`no batch ${batchId}`);
        const entry = { id: await nextEventId(client, batchId), event };
        await writeEvent(client, batchId, entry, effects);
        return entry;
      });
    },
    async recordItemResultOnce(batchId, event, item) {
      return inTransaction(pool, async (client) => {
        if (!(await lockBatch(client, batchId))) return undefined;
        const current = await client.query('SELECT status FROM items WHERE batch_id = $1 AND idx = $2', [batchId, item.index]);
        const status = current.rows[0]?.status as ItemStatus | undefined;
        if (status === undefined || FINAL_ITEM_STATUSES.includes(status)) return undefined;
        const entry = { id: await nextEventId(client, batchId), event };
        await writeEvent(client, batchId, entry, { item });
        return entry;
      });
    },
    async recordBatchFinishedOnce(batchId, event, effects) {
      return inTransaction(pool, async (client) => {
        const batch = await client.query('SELECT status FROM batches WHERE id = $1 FOR UPDATE', [batchId]);
        const status = batch.rows[0]?.status as string | undefined;
        if (status === undefined || status === 'completed' || status === 'cancelled') return undefined;
        const open = await client.query('SELECT 1 FROM items WHERE batch_id = $1 AND NOT (status = ANY($2)) LIMIT 1', [
          batchId,
          FINAL_ITEM_STATUSES,
        ]);
        if (open.rows.length) return undefined;
        const entry = { id: await nextEventId(client, batchId), event };
        await writeEvent(client, batchId, entry, effects);
        return entry;
      });
    },
    async events(batchId, afterId) {
      const result = await pool.query('SELECT id, event FROM events WHERE batch_id = $1 AND id > $2 ORDER BY id', [batchId, afterId]);
      return result.rows.map((row) => ({ id: Number(row.id), event: JSON.parse(String(row.event)) as LoggedEvent['event'] }));
    },
    async lastEventId(batchId) {
      const result = await pool.query('SELECT MAX(id) AS id FROM events WHERE batch_id = $1', [batchId]);
      return Number(result.rows[0]?.id ?? 0);
    },
  };
}

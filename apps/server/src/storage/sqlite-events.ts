import type { Client, InStatement, Transaction } from '@libsql/client';
import { FINAL_ITEM_STATUSES, type BatchRepository, type EventEffects, type ItemStatus, type LoggedEvent } from '@vision/core';
import { batchUpdate, itemUpdate } from './sqlite-statements';

type Rows<K extends keyof BatchRepository> = Pick<BatchRepository, K>;

function eventStatements(batchId: string, entry: LoggedEvent, effects: EventEffects): InStatement[] {
  const statements: InStatement[] = [
    { sql: 'INSERT INTO events (batch_id, id, event) VALUES (?, ?, ?)', args: [batchId, entry.id, JSON.stringify(entry.event)] },
  ];
  const batch = effects.batch && batchUpdate(batchId, effects.batch);
  if (batch) statements.push(batch);
  if (effects.item) statements.push(itemUpdate(batchId, effects.item));
  return statements;
}

/**
 * Numbers the event after the stored log and writes it, in one write transaction (SQLite's single writer keeps
 * the numbering whole); `unless` may decide from within the transaction that nothing is written.
 */
async function appendInTransaction(
  db: Client,
  batchId: string,
  event: LoggedEvent['event'],
  effects: EventEffects,
  unless?: (tx: Transaction) => Promise<boolean>,
): Promise<LoggedEvent | undefined> {
  const tx = await db.transaction('write');
  try {
    if (unless && (await unless(tx))) return undefined;
    const last = await tx.execute({ sql: 'SELECT COALESCE(MAX(id), 0) AS id FROM events WHERE batch_id = ?', args: [batchId] });
    const entry = { id: Number(last.rows[0]?.id ?? 0) + 1, event };
    await tx.batch(eventStatements(batchId, entry, effects));
    await tx.commit();
    return entry;
  } finally {
    tx.close();
  }
}

/** The event log: an event and its effect on the batch are written in one transaction. */
export function eventRows(
  db: Client,
): Rows<'recordEvent' | 'appendEvent' | 'recordItemResultOnce' | 'recordBatchFinishedOnce' | 'events' | 'lastEventId'> {
  // libsql opens each transaction on a connection of its own, and a second writer would meet SQLITE_BUSY: the
  // process's appends take turns here (one process owns the file: DATA_DIR's lock).
  let turn: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work, work);
    turn = result.catch(() => undefined);
    return result;
  };
  return {
    async recordEvent(batchId, entry: LoggedEvent, effects) {
      await db.batch(eventStatements(batchId, entry, effects), 'write');
    },
    async appendEvent(batchId, event, effects) {
      const exists = await db.execute({ sql: 'SELECT 1 FROM batches WHERE id = ?', args: [batchId] });
      if (!exists.rows.length) throw new Error(`no batch ${batchId}`);
      return (await oneAtATime(() => appendInTransaction(db, batchId, event, effects)))!;
    },
    async recordItemResultOnce(batchId, event, item) {
      return oneAtATime(() =>
        appendInTransaction(db, batchId, event, { item }, async (tx) => {
          const current = await tx.execute({ sql: 'SELECT status FROM items WHERE batch_id = ? AND idx = ?', args: [batchId, item.index] });
          const status = current.rows[0]?.status;
          return status === undefined || status === null || FINAL_ITEM_STATUSES.includes(String(status) as ItemStatus);
        }),
      );
    },
    async recordBatchFinishedOnce(batchId, event, effects) {
      return oneAtATime(() =>
        appendInTransaction(db, batchId, event, effects, async (tx) => {
          const batch = await tx.execute({ sql: 'SELECT status FROM batches WHERE id = ?', args: [batchId] });
          const status = batch.rows[0]?.status;
          if (status === undefined || status === 'completed' || status === 'cancelled') return true;
          const finals = FINAL_ITEM_STATUSES.map(() => '?').join(', ');
          const open = await tx.execute({
            sql: `SELECT 1 FROM items WHERE batch_id = ? AND status NOT IN (${finals}) LIMIT 1`,
            args: [batchId, ...FINAL_ITEM_STATUSES],
          });
          return open.rows.length > 0;
        }),
      );
    },
    async events(batchId, afterId) {
      const result = await db.execute({
        sql: 'SELECT id, event FROM events WHERE batch_id = ? AND id > ? ORDER BY id',
        args: [batchId, afterId],
      });
      return result.rows.map((row) => ({ id: Number(row.id), event: JSON.parse(String(row.event)) as LoggedEvent['event'] }));
    },
    async lastEventId(batchId) {
      const result = await db.execute({ sql: 'SELECT MAX(id) AS id FROM events WHERE batch_id = ?', args: [batchId] });
      return Number(result.rows[0]?.id ?? 0);
    },
  };
}

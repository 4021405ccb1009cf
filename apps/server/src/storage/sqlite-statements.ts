import type { InStatement } from '@libsql/client';
import type { EventEffects, StoredBatch, StoredComparison, StoredItem } from '@vision/core';
import { batchColumns, batchUpdateOf, comparisonColumns, insertInto, itemColumns, json } from './rows';

/** SQLite's placeholders for the shared rows (`rows.ts`). */
const placeholder = () => '?';
const statement = ({ sql, values }: { sql: string; values: Array<string | number | null> }): InStatement => ({ sql, args: values });

export function batchUpdate(batchId: string, patch: NonNullable<EventEffects['batch']>): InStatement | undefined {
  const update = batchUpdateOf(batchId, patch, placeholder);
  return update && statement(update);
}

export const itemUpdate = (batchId: string, item: NonNullable<EventEffects['item']>): InStatement => ({
  sql: 'UPDATE items SET status = ?, result = ? WHERE batch_id = ? AND idx = ?',
  args: [item.status, json(item.result), batchId, item.index],
});

/** A new batch's row and its items' rows, written together. */
export const batchInserts = (batch: StoredBatch, items: StoredItem[]): InStatement[] => [
  statement(insertInto('batches', batchColumns(batch), placeholder)),
  ...items.map((item) => statement(insertInto('items', itemColumns(batch.batchId, item), placeholder))),
];

export const comparisonInsert = (comparison: StoredComparison): InStatement =>
  statement(insertInto('comparisons', comparisonColumns(comparison), placeholder));

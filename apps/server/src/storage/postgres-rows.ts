import type { EventEffects, StoredBatch, StoredComparison, StoredItem } from '@vision/core';
import { batchColumns, batchUpdateOf, comparisonColumns, insertInto, itemColumns, json } from './rows';

/** Postgres's placeholders for the shared rows (`rows.ts`). */
const placeholder = (n: number) => `$${n}`;
const statement = ({ sql, values }: { sql: string; values: unknown[] }): Statement => ({ text: sql, values });

export interface Statement {
  text: string;
  values: unknown[];
}

/** The UPDATE for the given fields of a batch, or undefined when none is given. */
export function batchUpdate(batchId: string, patch: NonNullable<EventEffects['batch']>): Statement | undefined {
  const update = batchUpdateOf(batchId, patch, placeholder);
  return update && statement(update);
}

export const itemUpdate = (batchId: string, item: NonNullable<EventEffects['item']>): Statement => ({
  text: 'UPDATE items SET status = $1, result = $2 WHERE batch_id = $3 AND idx = $4',
  values: [item.status, json(item.result), batchId, item.index],
});

export const batchInsert = (batch: StoredBatch): Statement => statement(insertInto('batches', batchColumns(batch), placeholder));
export const itemInsert = (batchId: string, item: StoredItem): Statement =>
  statement(insertInto('items', itemColumns(batchId, item), placeholder));
export const comparisonInsert = (comparison: StoredComparison): Statement =>
  statement(insertInto('comparisons', comparisonColumns(comparison), placeholder));

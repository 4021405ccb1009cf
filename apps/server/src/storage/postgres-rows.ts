import type { EventEffects, StoredBatch, StoredComparison, StoredItem } from '@vision/core';

/** Postgres's rows as the repository's types: JSON kept as text (as in SQLite), so a copy moves it unchanged. */
type Row = Record<string, unknown>;

export const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const parse = <T>(value: unknown): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : null);
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

export const toBatch = (row: Row): StoredBatch => ({
  batchId: String(row.id),
  model: String(row.model),
  prompt: text(row.prompt),
  status: String(row.status) as StoredBatch['status'],
  createdAt: String(row.created_at),
  finishedAt: text(row.finished_at),
  elapsedS: Number(row.elapsed_s),
  stats: parse(row.stats),
  comparisonId: text(row.comparison_id),
  runAfter: text(row.run_after),
  runRecord: parse(row.run_record),
  concurrency: row.concurrency === null || row.concurrency === undefined ? null : Number(row.concurrency),
  ...fieldsOf(row),
});

/** A batch without fields reads back exactly as before the column existed (as in SQLite). */
function fieldsOf(row: Row): Pick<StoredBatch, 'fields'> {
  const fields = parse<StoredBatch['fields']>(row.fields);
  return fields ? { fields } : {};
}

export const toComparison = (row: Row): StoredComparison => ({
  comparisonId: String(row.id),
  createdAt: String(row.created_at),
  prompt: text(row.prompt),
  models: parse<string[]>(row.models) ?? [],
  batchIds: parse<string[]>(row.batch_ids) ?? [],
  ...(typeof row.truth_field === 'string' ? { truthField: row.truth_field } : {}),
});

export const toItem = (row: Row): StoredItem => ({
  index: Number(row.idx),
  filename: String(row.filename),
  size: Number(row.size),
  status: String(row.status) as StoredItem['status'],
  result: parse(row.result),
  label: text(row.label),
});

export interface Statement {
  text: string;
  values: unknown[];
}

/** The UPDATE for the given fields of a batch, or undefined when none is given. */
export function batchUpdate(batchId: string, patch: NonNullable<EventEffects['batch']>): Statement | undefined {
  const columns: Record<string, unknown> = {
    status: patch.status,
    finished_at: patch.finishedAt,
    elapsed_s: patch.elapsedS,
    stats: patch.stats === undefined ? undefined : json(patch.stats),
    run_record: patch.runRecord === undefined ? undefined : json(patch.runRecord),
  };
  const set = Object.entries(columns).filter(([, value]) => value !== undefined);
  if (!set.length) return undefined;
  return {
    text: `UPDATE batches SET ${set.map(([column], i) => `${column} = $${i + 1}`).join(', ')} WHERE id = $${set.length + 1}`,
    values: [...set.map(([, value]) => value), batchId],
  };
}

export const itemUpdate = (batchId: string, item: NonNullable<EventEffects['item']>): Statement => ({
  text: 'UPDATE items SET status = $1, result = $2 WHERE batch_id = $3 AND idx = $4',
  values: [item.status, json(item.result), batchId, item.index],
});

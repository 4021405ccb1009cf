import type { EventEffects, ReviewDecision, StoredBatch, StoredComparison, StoredItem } from '@vision/core';

/**
 * The stored rows of both stores (SQLite and Postgres share one schema): what a row reads back as and what a write
 * puts in each column. JSON is kept as text in both, so a copy from one to the other moves it unchanged. Each store
 * only adds its own placeholders (`?` or `$n`).
 */
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

/** A batch without fields reads back exactly as before the column existed. */
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

type Value = string | number | null;

/** A new batch's row, column by column. */
export const batchColumns = (batch: StoredBatch): Array<[string, Value]> => [
  ['id', batch.batchId],
  ['model', batch.model],
  ['prompt', batch.prompt],
  ['status', batch.status],
  ['created_at', batch.createdAt],
  ['finished_at', batch.finishedAt],
  ['elapsed_s', batch.elapsedS],
  ['stats', json(batch.stats)],
  ['comparison_id', batch.comparisonId],
  ['run_after', batch.runAfter],
  ['run_record', json(batch.runRecord)],
  ['concurrency', batch.concurrency],
  ['fields', json(batch.fields)],
];

/** An item's row, column by column. */
export const itemColumns = (batchId: string, item: StoredItem): Array<[string, Value]> => [
  ['batch_id', batchId],
  ['idx', item.index],
  ['filename', item.filename],
  ['size', item.size],
  ['status', item.status],
  ['result', json(item.result)],
  ['label', item.label],
];

/** A comparison's row, column by column. */
export const comparisonColumns = (comparison: StoredComparison): Array<[string, Value]> => [
  ['id', comparison.comparisonId],
  ['created_at', comparison.createdAt],
  ['prompt', comparison.prompt],
  ['models', JSON.stringify(comparison.models)],
  ['batch_ids', JSON.stringify(comparison.batchIds)],
  ['truth_field', comparison.truthField ?? null],
];

/** The columns a batch's patch changes (none when it changes nothing). */
export function batchPatchColumns(patch: NonNullable<EventEffects['batch']>): Array<[string, Value]> {
  const columns: Record<string, Value | undefined> = {
    status: patch.status,
    finished_at: patch.finishedAt,
    elapsed_s: patch.elapsedS,
    stats: patch.stats === undefined ? undefined : json(patch.stats),
    run_record: patch.runRecord === undefined ? undefined : json(patch.runRecord),
  };
  return Object.entries(columns).filter((entry): entry is [string, Value] => entry[1] !== undefined);
}

/** `INSERT INTO table (a, b) VALUES (p1, p2)` with the store's placeholder for the n-th value (from 1). */
export function insertInto(table: string, columns: Array<[string, Value]>, placeholder: (n: number) => string) {
  const names = columns.map(([name]) => name).join(', ');
  const places = columns.map((_, i) => placeholder(i + 1)).join(', ');
  return { sql: `INSERT INTO ${table} (${names}) VALUES (${places})`, values: columns.map(([, value]) => value) };
}

/** `UPDATE batches SET …` for the patch, or undefined when it changes nothing. */
export function batchUpdateOf(batchId: string, patch: NonNullable<EventEffects['batch']>, placeholder: (n: number) => string) {
  const set = batchPatchColumns(patch);
  if (!set.length) return undefined;
  return {
    sql: `UPDATE batches SET ${set.map(([column], i) => `${column} = ${placeholder(i + 1)}`).join(', ')} WHERE id = ${placeholder(set.length + 1)}`,
    values: [...set.map(([, value]) => value), batchId],
  };
}

/** A review decision's row: the entity's decision (no field) is kept as field '' so the key needs no NULL. */
export const toReviewDecision = (row: Row): ReviewDecision => ({
  index: Number(row.idx),
  field: row.field === '' ? null : String(row.field),
  action: String(row.action) as ReviewDecision['action'],
  label: text(row.label),
  suggestion: text(row.suggestion),
  source: row.source === null || row.source === undefined ? null : (String(row.source) as ReviewDecision['source']),
  decidedAt: String(row.decided_at),
});

/** A decision's own columns, in the order `idx, field, action, label, suggestion, source, decided_at`. */
export const reviewDecisionValues = (decision: ReviewDecision): Value[] => [
  decision.index,
  decision.field ?? '',
  decision.action,
  decision.label,
  decision.suggestion,
  decision.source,
  decision.decidedAt,
];

import type { InStatement } from '@libsql/client';
import type { EventEffects } from '@vision/core';

export const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export function batchUpdate(batchId: string, patch: NonNullable<EventEffects['batch']>): InStatement | undefined {
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
    sql: `UPDATE batches SET ${set.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`,
    args: [...set.map(([, value]) => value as string | number | null), batchId],
  };
}

export const itemUpdate = (batchId: string, item: NonNullable<EventEffects['item']>): InStatement => ({
  sql: 'UPDATE items SET status = ?, result = ? WHERE batch_id = ? AND idx = ?',
  args: [item.status, json(item.result), batchId, item.index],
});

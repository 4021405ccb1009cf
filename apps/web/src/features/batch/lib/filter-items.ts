import type { ItemState } from './batch-state';

export type ItemFilter = { kind: 'all' } | { kind: 'failed' } | { kind: 'entity'; entity: string };

export function filterItems(items: readonly ItemState[], filter: ItemFilter): readonly ItemState[] {
  switch (filter.kind) {
    case 'all':
      return items;
    case 'failed':
      return items.filter((item) => item.status === 'error' || item.status === 'cancelled');
    case 'entity':
      return items.filter((item) => item.result?.success && item.result.entity === filter.entity);
  }
}

/** What the model found, most frequent first: the dataset at a glance. */
export function countEntities(items: readonly ItemState[]): Array<{ entity: string; count: number }> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const entity = item.result?.success ? item.result.entity : null;
    if (entity) counts.set(entity, (counts.get(entity) ?? 0) + 1);
  }
  return [...counts].map(([entity, count]) => ({ entity, count })).sort((a, b) => b.count - a.count || a.entity.localeCompare(b.entity));
}

import { useI18n } from '../../../i18n';
import { countEntities, type ItemFilter } from '../lib/filter-items';
import type { ItemState } from '../lib/batch-state';

interface ResultFiltersProps {
  items: readonly ItemState[];
  filter: ItemFilter;
  onChange(filter: ItemFilter): void;
}

/** Chips of the entities found (with counts) and of the failures; each narrows the cards to its images. */
export function ResultFilters({ items, filter, onChange }: ResultFiltersProps) {
  const { t, format } = useI18n();
  const entities = countEntities(items);
  const failed = items.filter((item) => item.status === 'error' || item.status === 'cancelled').length;
  if (entities.length === 0 && failed === 0) return null;

  const chip = (key: string, label: string, count: number | null, pressed: boolean, next: ItemFilter, tone = '') => (
    <button
      key={key}
      type="button"
      className={`chip${tone}`}
      aria-pressed={pressed}
      onClick={() => onChange(pressed ? { kind: 'all' } : next)}
    >
      {label}
      {count !== null && <span className="chip__count">{format.number(count)}</span>}
    </button>
  );

  return (
    <div className="filters" role="group" aria-label={t.results.entities}>
      <span className="filters__label">{t.results.entities}</span>
      {chip('all', t.results.filterAll, items.length, filter.kind === 'all', { kind: 'all' })}
      {entities.map(({ entity, count }) =>
        chip(`entity-${entity}`, entity, count, filter.kind === 'entity' && filter.entity === entity, { kind: 'entity', entity }),
      )}
      {failed > 0 && chip('failed', t.results.filterFailed, failed, filter.kind === 'failed', { kind: 'failed' }, ' chip--error')}
    </div>
  );
}

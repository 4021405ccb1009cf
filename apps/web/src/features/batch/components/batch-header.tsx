import { StatusBadge } from '../../../components/status-badge';
import { useI18n } from '../../../i18n';
import { routeHref } from '../../../lib/router';
import type { BatchState, BatchStatus } from '../lib/batch-state';

const STATUS_TONES: Record<BatchStatus, 'neutral' | 'running' | 'success' | 'warning'> = {
  queued: 'neutral',
  running: 'running',
  completed: 'success',
  cancelled: 'warning',
};

/** The model, when the batch started, the fields it asks, the comparison it belongs to, and where it stands. */
export function BatchHeader({ state }: { state: BatchState }) {
  const { t, format } = useI18n();
  return (
    <header className="batch__header">
      <div>
        <h2 className="batch__title" id="batch-heading">
          {state.model}
        </h2>
        <p className="muted">{t.batch.startedAt(format.dateTime(state.createdAt))}</p>
        {state.fields && (
          <p className="muted" data-testid="batch-fields">
            {t.fields.asked}: {state.fields.map((field) => `${field.name} (${t.fields.types[field.type]})`).join(', ')}
          </p>
        )}
        {state.comparisonId && (
          <p className="muted">
            {t.comparison.partOf} <a href={routeHref({ name: 'comparison', comparisonId: state.comparisonId })}>{t.comparison.open}</a>
          </p>
        )}
      </div>
      <StatusBadge tone={STATUS_TONES[state.status]}>{t.batch.status[state.status]}</StatusBadge>
    </header>
  );
}

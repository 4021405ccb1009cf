import { StatusBadge } from '../../../components/status-badge';
import { useI18n } from '../../../i18n';
import type { ComparisonView } from '../lib/comparison-types';

const STATUS_TONES = { queued: 'neutral', running: 'running', completed: 'success', cancelled: 'warning' } as const;

/** The models compared, when, over how many photos, which field is judged, and where the comparison stands. */
export function ComparisonHeader({ view }: { view: ComparisonView }) {
  const { t, format } = useI18n();
  return (
    <header className="batch__header">
      <div>
        <p className="comparison__kicker">{t.comparison.heading}</p>
        <h2 className="batch__title" id="comparison-heading">
          {view.models.map((model) => model.model).join(' · ')}
        </h2>
        <p className="muted">
          {t.batch.startedAt(format.dateTime(view.createdAt))} · {t.history.photos(format.number(view.images.length), view.images.length)}
        </p>
        {view.truthField && (
          <p className="muted" data-testid="truth-field">
            {t.fields.truthField(view.truthField)}
          </p>
        )}
      </div>
      <StatusBadge tone={STATUS_TONES[view.status]}>{t.batch.status[view.status]}</StatusBadge>
    </header>
  );
}

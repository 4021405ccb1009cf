import { StatusBadge } from '../../../components/status-badge';
import { useI18n } from '../../../i18n';
import type { ModelProgress } from '../lib/comparison-progress';

const TONES = { queued: 'neutral', running: 'running', completed: 'success', cancelled: 'warning' } as const;

/** One bar per model: they run one after another, so one fills while the next waits its turn. */
export function ModelProgressList({ progress }: { progress: readonly ModelProgress[] }) {
  const { t, format } = useI18n();
  return (
    <ol className="model-progress" aria-label={t.batch.heading}>
      {progress.map((entry) => {
        const share = (count: number) => `${entry.total ? (count / entry.total) * 100 : 0}%`;
        const text = t.batch.progress(format.number(entry.done), format.number(entry.total));
        return (
          <li key={entry.batchId} className="model-progress__item" data-testid="model-progress" data-model-id={entry.model}>
            <span className="model-progress__name">{entry.model}</span>
            <StatusBadge tone={TONES[entry.status]}>
              {entry.status === 'queued' ? t.comparison.waitingTurn : t.batch.status[entry.status]}
            </StatusBadge>
            <div
              className={`progress${entry.status === 'running' ? ' progress--active' : ''}`}
              role="progressbar"
              aria-label={entry.model}
              aria-valuemin={0}
              aria-valuemax={entry.total}
              aria-valuenow={entry.done}
              aria-valuetext={text}
            >
              <span className="progress__success" style={{ width: share(entry.done - entry.failed) }} />
              <span className="progress__failed" style={{ width: share(entry.failed) }} />
            </div>
            <span className="model-progress__count">{text}</span>
          </li>
        );
      })}
    </ol>
  );
}

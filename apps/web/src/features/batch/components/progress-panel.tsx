import { useI18n } from '../../../i18n';
import type { Connection } from '../hooks/use-batch-progress';
import type { BatchSummary } from '../lib/summarise';

interface ProgressPanelProps {
  summary: BatchSummary;
  active: boolean;
  connection: Connection;
}

/** The bar (green for successes, red for failures), the live figures, and a live region for screen readers. */
export function ProgressPanel({ summary, active, connection }: ProgressPanelProps) {
  const { t, format } = useI18n();
  const { total, finished, successful, failed, cancelled } = summary;
  const share = (count: number) => `${total ? (count / total) * 100 : 0}%`;
  const progressText = t.batch.progress(format.number(finished), format.number(total));
  const facts = [
    failed > 0 ? t.batch.failedCount(format.number(failed), failed) : null,
    cancelled > 0 ? t.batch.cancelledCount(format.number(cancelled), cancelled) : null,
    t.batch.elapsed(active || summary.elapsedS >= 60 ? format.clock(summary.elapsedS) : format.seconds(summary.elapsedS)),
    summary.tokensPerSecond !== null ? t.batch.liveSpeed(format.tokensPerSecond(summary.tokensPerSecond)) : null,
    summary.etaS !== null ? t.batch.eta(format.seconds(Math.ceil(summary.etaS))) : null,
  ].filter((fact): fact is string => fact !== null);

  return (
    <div className="progress-panel">
      <div
        data-testid="progress"
        className={`progress${active ? ' progress--active' : ''}`}
        role="progressbar"
        aria-label={t.batch.heading}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={progressText}
        data-finished={finished}
        data-total={total}
      >
        <span className="progress__success" style={{ width: share(successful) }} />
        <span className="progress__failed" style={{ width: share(failed) }} />
        <span className="progress__cancelled" style={{ width: share(cancelled) }} />
      </div>
      <p className="progress-panel__line">
        <strong>{progressText}</strong>
        {facts.map((fact) => (
          <span key={fact} className="progress-panel__fact">
            {fact}
          </span>
        ))}
        {connection === 'reconnecting' && (
          <span className="progress-panel__fact progress-panel__fact--warning">{t.batch.reconnecting}</span>
        )}
      </p>
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {active ? progressText : t.batch.announceDone(format.number(successful), format.number(failed + cancelled))}
      </p>
    </div>
  );
}

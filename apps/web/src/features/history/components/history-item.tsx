import type { TBatchSummary } from '@vision/api-contract';
import { ConfirmDelete } from '../../../components/confirm-delete';
import { FallbackImage } from '../../../components/fallback-image';
import { StatusBadge } from '../../../components/status-badge';
import { useI18n } from '../../../i18n';
import { thumbnailUrl } from '../../../lib/api-urls';
import { routeHref } from '../../../lib/router';

const PREVIEWS = 4;
const TONES = { queued: 'neutral', running: 'running', completed: 'success', cancelled: 'warning' } as const;

interface HistoryItemProps {
  batch: TBatchSummary;
  now: number;
  deleting: boolean;
  onDelete(batchId: string): void;
}

export function HistoryItem({ batch, now, deleting, onDelete }: HistoryItemProps) {
  const { t, format } = useI18n();
  const href = routeHref({ name: 'batch', batchId: batch.batchId });
  const previews = Array.from({ length: Math.min(PREVIEWS, batch.total) }, (_, index) => index);

  return (
    <li className="history-item" data-testid="history-item" data-batch-id={batch.batchId}>
      <a className="history-item__thumbs" href={href} tabIndex={-1} aria-hidden="true">
        {previews.map((index) => (
          <FallbackImage key={index} className="history-item__thumb" src={thumbnailUrl(batch.batchId, index)} width={64} height={64} />
        ))}
      </a>
      <div className="history-item__body">
        <p className="history-item__title">
          <a href={href}>{batch.model}</a> <StatusBadge tone={TONES[batch.status]}>{t.batch.status[batch.status]}</StatusBadge>
        </p>
        <p className="muted">
          <time dateTime={batch.createdAt} title={format.dateTime(batch.createdAt)}>
            {format.relative(batch.createdAt, now)}
          </time>
          {' · '}
          {t.history.photos(format.number(batch.total), batch.total)}
          {batch.stats && (
            <>
              {' · '}
              {t.stats.summary(format.number(batch.stats.successful), format.number(batch.stats.failed))}
              {' · '}
              {format.seconds(batch.stats.wall_time)}
            </>
          )}
        </p>
      </div>
      <div className="history-item__actions">
        <a className="button button--small" href={href}>
          {t.history.open}
        </a>
        {batch.comparisonId ? (
          // One model's run of a comparison goes with its comparison (the server refuses to delete it alone).
          <a
            className="button button--small button--ghost"
            data-testid="history-comparison-link"
            href={routeHref({ name: 'comparison', comparisonId: batch.comparisonId })}
          >
            {t.comparison.open}
          </a>
        ) : (
          <ConfirmDelete small deleting={deleting} onConfirm={() => onDelete(batch.batchId)} />
        )}
      </div>
    </li>
  );
}

import type { TComparisonSummary } from '@vision/api-contract';
import { ConfirmDelete } from '../../../components/confirm-delete';
import { FallbackImage } from '../../../components/fallback-image';
import { useI18n } from '../../../i18n';
import { thumbnailUrl } from '../../../lib/api-urls';
import { routeHref } from '../../../lib/router';

const PREVIEWS = 4;

interface ComparisonHistoryItemProps {
  comparison: TComparisonSummary;
  now: number;
  deleting: boolean;
  onDelete(comparisonId: string): void;
}

export function ComparisonHistoryItem({ comparison, now, deleting, onDelete }: ComparisonHistoryItemProps) {
  const { t, format } = useI18n();
  const href = routeHref({ name: 'comparison', comparisonId: comparison.comparisonId });
  const firstBatch = comparison.batchIds[0];
  const previews = firstBatch ? Array.from({ length: Math.min(PREVIEWS, comparison.images) }, (_, index) => index) : [];

  return (
    <li className="history-item" data-testid="comparison-history-item" data-comparison-id={comparison.comparisonId}>
      <a className="history-item__thumbs" href={href} tabIndex={-1} aria-hidden="true">
        {previews.map((index) => (
          <FallbackImage key={index} className="history-item__thumb" src={thumbnailUrl(firstBatch!, index)} width={64} height={64} />
        ))}
      </a>
      <div className="history-item__body">
        <p className="history-item__title">
          <a href={href}>{comparison.models.join(' · ')}</a>
        </p>
        <p className="muted">
          <time dateTime={comparison.createdAt} title={format.dateTime(comparison.createdAt)}>
            {format.relative(comparison.createdAt, now)}
          </time>
          {' · '}
          {t.history.photos(format.number(comparison.images), comparison.images)}
          {comparison.labelled > 0 && (
            <>
              {' · '}
              {t.history.labelled(format.number(comparison.labelled), format.number(comparison.images))}
            </>
          )}
        </p>
      </div>
      <div className="history-item__actions">
        <a className="button button--small" href={href}>
          {t.history.open}
        </a>
        <ConfirmDelete
          small
          deleting={deleting}
          warning={t.history.deleteComparisonWarning}
          onConfirm={() => onDelete(comparison.comparisonId)}
        />
      </div>
    </li>
  );
}

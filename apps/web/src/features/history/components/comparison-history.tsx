import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { useNow } from '../../../hooks/use-now';
import { useI18n } from '../../../i18n';
import { routeHref } from '../../../lib/router';
import { useComparisonHistory } from '../api/use-comparison-history';
import { ComparisonHistoryItem } from './comparison-history-item';

/** Every comparison the server keeps, newest first. */
export function ComparisonHistory() {
  const { t } = useI18n();
  const history = useComparisonHistory();
  const now = useNow(true, 30_000);
  const comparisons = history.data?.pages.flatMap((page) => page.comparisons) ?? [];

  return (
    <>
      {history.isError && (
        <Banner tone="error" title={t.history.failedToLoad}>
          <FailureText error={history.error} />
        </Banner>
      )}
      {history.isPending && (
        <p className="muted" role="status">
          {t.history.loading}
        </p>
      )}
      {history.isSuccess && comparisons.length === 0 && (
        <p className="empty">
          {t.history.comparisonsEmpty} <a href={routeHref({ name: 'new' })}>{t.history.compareAction}</a>
        </p>
      )}
      <ul className="history-list">
        {comparisons.map((comparison) => (
          <ComparisonHistoryItem key={comparison.comparisonId} comparison={comparison} now={now} />
        ))}
      </ul>
      {history.hasNextPage && (
        <button type="button" className="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? t.history.loading : t.history.loadMore}
        </button>
      )}
    </>
  );
}

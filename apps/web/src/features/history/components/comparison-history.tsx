import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { useNow } from '../../../hooks/use-now';
import { useI18n } from '../../../i18n';
import { useDeleteComparison } from '../../../lib/delete-comparison';
import { routeHref } from '../../../lib/router';
import { useComparisonHistory } from '../api/use-comparison-history';
import { ComparisonHistoryItem } from './comparison-history-item';
import { HistoryPages } from './history-pages';

/** Every comparison the server keeps, newest first; open one, or delete it with every model's batch. */
export function ComparisonHistory() {
  const { t } = useI18n();
  const history = useComparisonHistory();
  const remove = useDeleteComparison();
  const now = useNow(true, 30_000);
  const comparisons = history.data?.pages.flatMap((page) => page.comparisons) ?? [];

  return (
    <>
      {remove.error && (
        <Banner tone="error" title={t.comparison.deleteFailed}>
          <FailureText error={remove.error} />
        </Banner>
      )}
      <HistoryPages
        history={history}
        count={comparisons.length}
        empty={
          <>
            {t.history.comparisonsEmpty} <a href={routeHref({ name: 'new' })}>{t.history.compareAction}</a>
          </>
        }
      >
        {comparisons.map((comparison) => (
          <ComparisonHistoryItem
            key={comparison.comparisonId}
            comparison={comparison}
            now={now}
            deleting={remove.isPending && remove.variables?.comparisonId === comparison.comparisonId}
            onDelete={(comparisonId) => remove.mutate({ comparisonId })}
          />
        ))}
      </HistoryPages>
    </>
  );
}

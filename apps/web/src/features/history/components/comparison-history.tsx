import { useNow } from '../../../hooks/use-now';
import { useI18n } from '../../../i18n';
import { routeHref } from '../../../lib/router';
import { useComparisonHistory } from '../api/use-comparison-history';
import { ComparisonHistoryItem } from './comparison-history-item';
import { HistoryPages } from './history-pages';

/** Every comparison the server keeps, newest first. */
export function ComparisonHistory() {
  const { t } = useI18n();
  const history = useComparisonHistory();
  const now = useNow(true, 30_000);
  const comparisons = history.data?.pages.flatMap((page) => page.comparisons) ?? [];

  return (
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
        <ComparisonHistoryItem key={comparison.comparisonId} comparison={comparison} now={now} />
      ))}
    </HistoryPages>
  );
}

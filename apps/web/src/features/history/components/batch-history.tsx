import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { useNow } from '../../../hooks/use-now';
import { useI18n } from '../../../i18n';
import { forgetCurrentBatch } from '../../../lib/current-batch';
import { routeHref } from '../../../lib/router';
import { useBatchHistory, useDeleteBatch } from '../api/use-batch-history';
import { HistoryItem } from './history-item';

/** Every batch the server keeps, newest first; open one to see its results, or delete it. */
export function BatchHistory() {
  const { t } = useI18n();
  const history = useBatchHistory();
  const remove = useDeleteBatch((batchId) => forgetCurrentBatch(batchId));
  const now = useNow(true, 30_000);
  const batches = history.data?.pages.flatMap((page) => page.batches) ?? [];

  return (
    <>
      {history.isError && (
        <Banner tone="error" title={t.history.failedToLoad}>
          <FailureText error={history.error} />
        </Banner>
      )}
      {remove.error && (
        <Banner tone="error" title={t.batch.actionFailed}>
          <FailureText error={remove.error} />
        </Banner>
      )}
      {history.isPending && (
        <p className="muted" role="status">
          {t.history.loading}
        </p>
      )}
      {history.isSuccess && batches.length === 0 && (
        <p className="empty">
          {t.history.empty} <a href={routeHref({ name: 'new' })}>{t.history.emptyAction}</a>
        </p>
      )}
      <ul className="history-list">
        {batches.map((batch) => (
          <HistoryItem
            key={batch.batchId}
            batch={batch}
            now={now}
            deleting={remove.isPending && remove.variables?.batchId === batch.batchId}
            onDelete={(batchId) => remove.mutate({ batchId })}
          />
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

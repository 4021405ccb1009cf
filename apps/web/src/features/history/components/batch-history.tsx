import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { useNow } from '../../../hooks/use-now';
import { useI18n } from '../../../i18n';
import { forgetCurrentBatch } from '../../../lib/current-batch';
import { routeHref } from '../../../lib/router';
import { useBatchHistory, useDeleteBatch } from '../api/use-batch-history';
import { HistoryItem } from './history-item';
import { HistoryPages } from './history-pages';

/** Every batch the server keeps, newest first; open one to see its results, or delete it. */
export function BatchHistory() {
  const { t } = useI18n();
  const history = useBatchHistory();
  const remove = useDeleteBatch((batchId) => forgetCurrentBatch(batchId));
  const now = useNow(true, 30_000);
  const batches = history.data?.pages.flatMap((page) => page.batches) ?? [];

  return (
    <>
      {remove.error && (
        <Banner tone="error" title={t.batch.actionFailed}>
          <FailureText error={remove.error} />
        </Banner>
      )}
      <HistoryPages
        history={history}
        count={batches.length}
        empty={
          <>
            {t.history.empty} <a href={routeHref({ name: 'new' })}>{t.history.emptyAction}</a>
          </>
        }
      >
        {batches.map((batch) => (
          <HistoryItem
            key={batch.batchId}
            batch={batch}
            now={now}
            deleting={remove.isPending && remove.variables?.batchId === batch.batchId}
            onDelete={(batchId) => remove.mutate({ batchId })}
          />
        ))}
      </HistoryPages>
    </>
  );
}

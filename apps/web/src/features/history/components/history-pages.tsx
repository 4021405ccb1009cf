import type { ReactNode } from 'react';
import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { useI18n } from '../../../i18n';

/** What a paged history list needs of its TanStack infinite query. */
export interface PagedHistory {
  isError: boolean;
  error: unknown;
  isPending: boolean;
  isSuccess: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The frame of a history list (batches, comparisons): why it failed to load, that it is loading, what to do when
 * it is empty, the items, and a button for the next page.
 */
export function HistoryPages(props: { history: PagedHistory; count: number; empty: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const { history } = props;
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
      {history.isSuccess && props.count === 0 && <p className="empty">{props.empty}</p>}
      <ul className="history-list">{props.children}</ul>
      {history.hasNextPage && (
        <button type="button" className="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? t.history.loading : t.history.loadMore}
        </button>
      )}
    </>
  );
}

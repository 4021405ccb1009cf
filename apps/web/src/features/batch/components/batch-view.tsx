import { captionSource } from '@vision/core/export-formats';
import type { FieldSpec } from '@vision/core/fields';
import { useState } from 'react';
import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { useNow } from '../../../hooks/use-now';
import { useI18n } from '../../../i18n';
import { useBatchActions } from '../api/use-batch-actions';
import { useBatchProgress } from '../hooks/use-batch-progress';
import { useProgressInTitle } from '../hooks/use-progress-in-title';
import { isActive, type ItemState } from '../lib/batch-state';
import { filterItems, type ItemFilter } from '../lib/filter-items';
import { summarise } from '../lib/summarise';
import { BatchActions } from './batch-actions';
import { BatchHeader } from './batch-header';
import { BatchStats } from './batch-stats';
import { ProgressPanel } from './progress-panel';
import { ResultCard } from './result-card';
import { ResultFilters } from './result-filters';

interface BatchViewProps {
  batchId: string;
  /** The photos as chosen in this page, in upload order, when this page started the batch. */
  localFiles: readonly File[] | null;
  onNewBatch(): void;
  /**
   * Back to a new batch asking the fields stored with this batch (read back from the server, not the tab's last
   * choice), with this page's photos when it still holds them.
   */
  onAskAgain(fields: FieldSpec[] | null): void;
}

/** One batch, live while it runs: progress, figures, actions and a card per image. */
export function BatchView({ batchId, localFiles, onNewBatch, onAskAgain }: BatchViewProps) {
  const { t } = useI18n();
  const { state, snapshot, connection, follow } = useBatchProgress(batchId);
  const actions = useBatchActions(batchId, follow);
  const [filter, setFilter] = useState<ItemFilter>({ kind: 'all' });
  const active = state ? isActive(state.status) : false;
  const now = useNow(active, 200);
  useProgressInTitle(active, state?.items);

  if (!state) return <BatchNotReady snapshot={snapshot} />;
  const summary = summarise(state, now);

  return (
    <section className="batch" aria-labelledby="batch-heading">
      <BatchHeader state={state} />
      <ProgressPanel summary={summary} active={active} connection={connection} />
      <BatchActions
        batchId={batchId}
        active={active}
        retryable={summary.retryable}
        cancelling={actions.cancelling}
        retrying={actions.retrying}
        onCancel={actions.cancel}
        onRetry={actions.retryFailed}
        onNewBatch={onNewBatch}
        onAnotherModel={localFiles ? () => onAskAgain(state.fields ?? null) : null}
        onAskFieldsAgain={!localFiles && state.fields ? () => onAskAgain(state.fields ?? null) : null}
        captions={captionSource(state.fields) !== null}
        fields={state.fields?.map((field) => field.name) ?? []}
      />
      {actions.error && (
        <Banner tone="error" title={t.batch.actionFailed}>
          <FailureText error={actions.error} />
        </Banner>
      )}
      <BatchStats summary={summary} />
      <ResultFilters items={state.items} filter={filter} onChange={setFilter} />
      <ResultList batchId={batchId} items={filterItems(state.items, filter)} localFiles={localFiles} now={now} />
    </section>
  );
}

function BatchNotReady({ snapshot }: { snapshot: ReturnType<typeof useBatchProgress>['snapshot'] }) {
  const { t } = useI18n();
  if (snapshot.error) {
    const missing = snapshot.error.data?.code === 'NOT_FOUND';
    return missing ? (
      <Banner tone="error" title={t.batch.notFound} />
    ) : (
      <Banner tone="error" title={t.batch.actionFailed}>
        <FailureText error={snapshot.error} />
      </Banner>
    );
  }
  return (
    <p className="muted" role="status">
      {t.batch.loading}
    </p>
  );
}

interface ResultListProps {
  batchId: string;
  items: readonly ItemState[];
  localFiles: readonly File[] | null;
  now: number;
}

/** A card per image shown, with its own photo when this page still holds it. */
function ResultList({ batchId, items, localFiles, now }: ResultListProps) {
  const { t } = useI18n();
  return (
    <ol className="results" aria-label={t.results.heading}>
      {items.map((item) => (
        // Only a running card gets the clock: the others keep their props, so their memoised cards are not drawn again.
        <ResultCard
          key={item.index}
          batchId={batchId}
          item={item}
          localFile={localFiles?.[item.index]}
          now={item.status === 'running' ? now : 0}
        />
      ))}
    </ol>
  );
}

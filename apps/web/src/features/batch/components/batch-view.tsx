import { captionSource } from '@vision/core/export-formats';
import type { FieldSpec } from '@vision/core/fields';
import { useEffect, useState } from 'react';
import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { StatusBadge } from '../../../components/status-badge';
import { useNow } from '../../../hooks/use-now';
import { useI18n } from '../../../i18n';
import { routeHref } from '../../../lib/router';
import { useBatchActions } from '../api/use-batch-actions';
import { useBatchProgress } from '../hooks/use-batch-progress';
import { isActive, type BatchStatus } from '../lib/batch-state';
import { filterItems, type ItemFilter } from '../lib/filter-items';
import { summarise } from '../lib/summarise';
import { BatchActions } from './batch-actions';
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

const STATUS_TONES: Record<BatchStatus, 'neutral' | 'running' | 'success' | 'warning'> = {
  queued: 'neutral',
  running: 'running',
  completed: 'success',
  cancelled: 'warning',
};

/** One batch, live while it runs: progress, figures, actions and a card per image. */
export function BatchView({ batchId, localFiles, onNewBatch, onAskAgain }: BatchViewProps) {
  const { t, format } = useI18n();
  const { state, snapshot, connection, follow } = useBatchProgress(batchId);
  const actions = useBatchActions(batchId, follow);
  const [filter, setFilter] = useState<ItemFilter>({ kind: 'all' });
  const active = state ? isActive(state.status) : false;
  const now = useNow(active, 200);
  const finished = state?.items.filter((item) => item.result !== null).length ?? 0;
  const total = state?.items.length ?? 0;

  // The tab's title shows the progress, for whoever is reading something else meanwhile.
  useEffect(() => {
    if (!active) return undefined;
    const title = document.title;
    document.title = `${format.number(finished)}/${format.number(total)} · ${t.app.name}`;
    return () => {
      document.title = title;
    };
  }, [active, finished, total, format, t]);

  if (!state) {
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

  const summary = summarise(state, now);
  const shown = filterItems(state.items, filter);

  return (
    <section className="batch" aria-labelledby="batch-heading">
      <header className="batch__header">
        <div>
          <h2 className="batch__title" id="batch-heading">
            {state.model}
          </h2>
          <p className="muted">{t.batch.startedAt(format.dateTime(state.createdAt))}</p>
          {state.fields && (
            <p className="muted" data-testid="batch-fields">
              {t.fields.asked}: {state.fields.map((field) => `${field.name} (${t.fields.types[field.type]})`).join(', ')}
            </p>
          )}
          {state.comparisonId && (
            <p className="muted">
              {t.comparison.partOf} <a href={routeHref({ name: 'comparison', comparisonId: state.comparisonId })}>{t.comparison.open}</a>
            </p>
          )}
        </div>
        <StatusBadge tone={STATUS_TONES[state.status]}>{t.batch.status[state.status]}</StatusBadge>
      </header>
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
      <ol className="results" aria-label={t.results.heading}>
        {shown.map((item) => (
          <ResultCard
            key={item.index}
            batchId={batchId}
            item={item}
            localFile={localFiles?.[item.index]}
            now={item.status === 'running' ? now : 0}
          />
        ))}
      </ol>
    </section>
  );
}

import { useCallback, useState } from 'react';
import type { GroundTruthChoice as GroundTruth, LabelCsvProblem } from '@vision/core/schemas';
import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { StatusBadge } from '../../../components/status-badge';
import { useI18n } from '../../../i18n';
import { useSetLabel } from '../api/use-comparison-actions';
import { useComparison } from '../hooks/use-comparison';
import { isRunning, modelProgress } from '../lib/comparison-progress';
import { describeLabelProblem } from '../lib/describe-label-problem';
import { findLeaders } from '../lib/leaders';
import { AccuracyChart } from './accuracy-chart';
import { ComparisonActions } from './comparison-actions';
import { ComparisonTable } from './comparison-table';
import { ModelProgressList } from './model-progress-list';
import { ModelSummaryCard } from './model-summary-card';

interface ComparisonViewProps {
  comparisonId: string;
  /** The photos as chosen in this page, in upload order, when this page started the comparison. */
  localFiles: readonly File[] | null;
  /** Label rows the server skipped, when this page started the comparison. */
  labelIssues: readonly LabelCsvProblem[];
  onNewBatch(): void;
  /** After the user deleted the comparison here. */
  onDeleted(): void;
}

const STATUS_TONES = { queued: 'neutral', running: 'running', completed: 'success', cancelled: 'warning' } as const;

/** Several models over the same photos: live while they run, then which is more accurate and which is faster. */
export function ComparisonView({ comparisonId, localFiles, labelIssues, onNewBatch, onDeleted }: ComparisonViewProps) {
  const { t, format } = useI18n();
  const [groundTruth, setGroundTruth] = useState<GroundTruth>('labels');
  const query = useComparison(comparisonId, groundTruth);
  const view = query.data;
  const setLabel = useSetLabel(comparisonId);
  const { mutate: saveLabels } = setLabel;
  const onLabel = useCallback(
    (index: number, label: string | null) => saveLabels({ comparisonId, labels: [{ index, label }] }),
    [saveLabels, comparisonId],
  );

  if (!view) {
    if (query.error) {
      const missing = query.error.data?.code === 'NOT_FOUND';
      return missing ? (
        <Banner tone="error" title={t.comparison.notFound} />
      ) : (
        <Banner tone="error" title={t.batch.actionFailed}>
          <FailureText error={query.error} />
        </Banner>
      );
    }
    return (
      <p className="muted" role="status">
        {t.comparison.loading}
      </p>
    );
  }

  const running = isRunning(view.status);
  // Badges compare finished runs: a model halfway through has no final figures yet.
  const leaders = findLeaders(running ? [] : view.models);
  const labelled = view.models.some((model) => model.labelled > 0);
  const savingIndex = setLabel.isPending ? (setLabel.variables.labels[0]?.index ?? null) : null;

  return (
    <section className="comparison" data-testid="comparison-view" data-status={view.status} aria-labelledby="comparison-heading">
      <header className="batch__header">
        <div>
          <p className="comparison__kicker">{t.comparison.heading}</p>
          <h2 className="batch__title" id="comparison-heading">
            {view.models.map((model) => model.model).join(' · ')}
          </h2>
          <p className="muted">
            {t.batch.startedAt(format.dateTime(view.createdAt))} · {t.history.photos(format.number(view.images.length), view.images.length)}
          </p>
          {view.truthField && (
            <p className="muted" data-testid="truth-field">
              {t.fields.truthField(view.truthField)}
            </p>
          )}
        </div>
        <StatusBadge tone={STATUS_TONES[view.status]}>{t.batch.status[view.status]}</StatusBadge>
      </header>
      {labelIssues.length > 0 && (
        <Banner tone="warning" title={t.comparison.labelProblems}>
          <ul className="banner__steps">
            {labelIssues.map((problem) => (
              <li key={`${problem.kind}-${problem.line}`}>{describeLabelProblem(problem, t, format)}</li>
            ))}
          </ul>
        </Banner>
      )}
      {running && <ModelProgressList progress={modelProgress(view)} />}
      <ComparisonActions
        view={view}
        groundTruth={groundTruth}
        onGroundTruth={setGroundTruth}
        onNewBatch={onNewBatch}
        onDeleted={onDeleted}
      />
      <div className="model-summaries">
        {view.models.map((model, position) => (
          <ModelSummaryCard
            key={model.batchId}
            model={model}
            position={position}
            mostAccurate={leaders.mostAccurate.has(model.batchId)}
            fastest={leaders.fastest.has(model.batchId)}
          />
        ))}
      </div>
      {view.agreement.compared > 0 && (
        <p className="comparison__agreement" data-testid="agreement">
          {t.comparison.agreement(format.number(view.agreement.agreed), format.number(view.agreement.compared))}
        </p>
      )}
      {labelled ? <AccuracyChart models={view.models} /> : <p className="note">{t.comparison.addLabelsHint}</p>}
      {setLabel.error && (
        <Banner tone="error" title={t.comparison.saveFailed}>
          <FailureText error={setLabel.error} />
        </Banner>
      )}
      <ComparisonTable view={view} localFiles={localFiles} savingIndex={savingIndex} onLabel={onLabel} />
    </section>
  );
}

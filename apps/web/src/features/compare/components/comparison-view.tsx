import { useState } from 'react';
import type { GroundTruthChoice as GroundTruth, LabelCsvProblem } from '@vision/core/schemas';
import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { useI18n } from '../../../i18n';
import { useComparison } from '../hooks/use-comparison';
import { useLabelSaving } from '../hooks/use-label-saving';
import { isRunning, modelProgress } from '../lib/comparison-progress';
import type { ModelSummary } from '../lib/comparison-types';
import { describeLabelProblem } from '../lib/describe-label-problem';
import { findLeaders } from '../lib/leaders';
import { AccuracyChart } from './accuracy-chart';
import { ComparisonActions } from './comparison-actions';
import { ComparisonHeader } from './comparison-header';
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

/** Several models over the same photos: live while they run, then which is more accurate and which is faster. */
export function ComparisonView({ comparisonId, localFiles, labelIssues, onNewBatch, onDeleted }: ComparisonViewProps) {
  const { t, format } = useI18n();
  const [groundTruth, setGroundTruth] = useState<GroundTruth>('labels');
  const query = useComparison(comparisonId, groundTruth);
  const view = query.data;
  const labels = useLabelSaving(comparisonId);

  if (!view) return <ComparisonNotReady query={query} />;
  const running = isRunning(view.status);
  const labelled = view.models.some((model) => model.labelled > 0);

  return (
    <section className="comparison" data-testid="comparison-view" data-status={view.status} aria-labelledby="comparison-heading">
      <ComparisonHeader view={view} />
      {labelIssues.length > 0 && <LabelProblems problems={labelIssues} />}
      {running && <ModelProgressList progress={modelProgress(view)} />}
      <ComparisonActions
        view={view}
        groundTruth={groundTruth}
        onGroundTruth={setGroundTruth}
        onNewBatch={onNewBatch}
        onDeleted={onDeleted}
      />
      <ModelSummaries models={view.models} running={running} />
      {view.agreement.compared > 0 && (
        <p className="comparison__agreement" data-testid="agreement">
          {t.comparison.agreement(format.number(view.agreement.agreed), format.number(view.agreement.compared))}
        </p>
      )}
      {labelled ? <AccuracyChart models={view.models} /> : <p className="note">{t.comparison.addLabelsHint}</p>}
      {labels.error && (
        <Banner tone="error" title={t.comparison.saveFailed}>
          <FailureText error={labels.error} />
        </Banner>
      )}
      <ComparisonTable view={view} localFiles={localFiles} savingIndex={labels.savingIndex} onLabel={labels.onLabel} />
    </section>
  );
}

function ComparisonNotReady({ query }: { query: ReturnType<typeof useComparison> }) {
  const { t } = useI18n();
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

/** The label rows the server skipped, each with its line and reason. */
function LabelProblems({ problems }: { problems: readonly LabelCsvProblem[] }) {
  const { t, format } = useI18n();
  return (
    <Banner tone="warning" title={t.comparison.labelProblems}>
      <ul className="banner__steps">
        {problems.map((problem) => (
          <li key={`${problem.kind}-${problem.line}`}>{describeLabelProblem(problem, t, format)}</li>
        ))}
      </ul>
    </Banner>
  );
}

/** A card per model, the most accurate and the fastest marked once every run has finished. */
function ModelSummaries({ models, running }: { models: readonly ModelSummary[]; running: boolean }) {
  // Badges compare finished runs: a model halfway through has no final figures yet.
  const leaders = findLeaders(running ? [] : models);
  return (
    <div className="model-summaries">
      {models.map((model, position) => (
        <ModelSummaryCard
          key={model.batchId}
          model={model}
          position={position}
          mostAccurate={leaders.mostAccurate.has(model.batchId)}
          fastest={leaders.fastest.has(model.batchId)}
        />
      ))}
    </div>
  );
}

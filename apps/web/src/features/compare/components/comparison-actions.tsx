import type { GroundTruthChoice as GroundTruth } from '@vision/core/schemas';
import { Banner } from '../../../components/banner';
import { ConfirmDelete } from '../../../components/confirm-delete';
import { FailureText } from '../../../components/failure-text';
import { ReviewLink } from '../../../components/review-link';
import { useI18n } from '../../../i18n';
import { useDeleteComparison } from '../../../lib/delete-comparison';
import { useCancelComparison } from '../api/use-comparison-actions';
import { isRunning } from '../lib/comparison-progress';
import type { ComparisonView } from '../lib/comparison-types';
import { ComparisonExportLinks } from './comparison-export-links';
import { GroundTruthChoice } from './ground-truth-choice';

interface ComparisonActionsProps {
  view: ComparisonView;
  groundTruth: GroundTruth;
  onGroundTruth(choice: GroundTruth): void;
  onNewBatch(): void;
  /** After the comparison is deleted: its view has nothing left to show. */
  onDeleted(): void;
}

/** The comparison's toolbar: cancel, a new batch, review, delete; the ground truth to judge by and the exports. */
export function ComparisonActions({ view, groundTruth, onGroundTruth, onNewBatch, onDeleted }: ComparisonActionsProps) {
  const { t } = useI18n();
  const cancel = useCancelComparison(view);
  const remove = useDeleteComparison(onDeleted);
  const { comparisonId } = view;
  // Cancel is offered while some model's run can still be stopped (it is what the button cancels).
  const cancellable = view.models.some((model) => isRunning(model.status));

  return (
    <>
      <div className="batch-actions">
        <div className="batch-actions__main">
          {cancellable && (
            <button
              type="button"
              className="button button--danger"
              data-testid="cancel-button"
              onClick={() => cancel.mutate()}
              disabled={cancel.isPending}
            >
              {cancel.isPending ? t.batch.cancelling : t.batch.cancel}
            </button>
          )}
          <button type="button" className="button" onClick={onNewBatch}>
            {t.batch.newBatch}
          </button>
          {!isRunning(view.status) && <ReviewLink subject={{ kind: 'comparison', id: comparisonId }} />}
          <ConfirmDelete
            deleting={remove.isPending}
            warning={t.history.deleteComparisonWarning}
            onConfirm={() => remove.mutate({ comparisonId })}
          />
        </div>
        <GroundTruthChoice value={groundTruth} onChange={onGroundTruth} />
        <ComparisonExportLinks comparisonId={comparisonId} groundTruth={groundTruth} fields={view.fieldNames ?? []} />
      </div>
      {cancel.error && (
        <Banner tone="error" title={t.comparison.cancelFailed}>
          <FailureText error={cancel.error} />
        </Banner>
      )}
      {remove.error && (
        <Banner tone="error" title={t.comparison.deleteFailed}>
          <FailureText error={remove.error} />
        </Banner>
      )}
    </>
  );
}

import { ReviewLink } from '../../../components/review-link';
import { useI18n } from '../../../i18n';
import { ExportLinks } from './export-links';

interface BatchActionsProps {
  batchId: string;
  active: boolean;
  /** Items a retry would run again, by status: only these are offered. */
  retryable: { failed: number; cancelled: number };
  cancelling: boolean;
  retrying: boolean;
  onCancel(): void;
  onRetry(): void;
  onNewBatch(): void;
  /** Offered while this page still holds the photos. */
  onAnotherModel: (() => void) | null;
  /** Offered for a batch with fields whose photos this page does not hold (opened from history). */
  onAskFieldsAgain: (() => void) | null;
  /** The batch asks a caption or tags field: its captions can be downloaded as a zip. */
  captions: boolean;
  /** The batch's field names: its export can keep the rows reviewed on one of them. */
  fields: readonly string[];
}

export function BatchActions(props: BatchActionsProps) {
  const { t, format } = useI18n();
  const { failed, cancelled } = props.retryable;
  const retryable = failed + cancelled;
  const kind = cancelled === 0 ? 'failed' : failed === 0 ? 'cancelled' : 'both';
  return (
    <div className="batch-actions">
      <div className="batch-actions__main">
        {props.active && (
          <button
            type="button"
            className="button button--danger"
            data-testid="cancel-button"
            onClick={props.onCancel}
            disabled={props.cancelling}
          >
            {props.cancelling ? t.batch.cancelling : t.batch.cancel}
          </button>
        )}
        {!props.active && retryable > 0 && (
          <button
            type="button"
            className="button button--primary"
            data-testid="retry-button"
            onClick={props.onRetry}
            disabled={props.retrying}
          >
            {t.batch.retry(format.number(retryable), kind)}
          </button>
        )}
        <button type="button" className="button" onClick={props.onNewBatch}>
          {t.batch.newBatch}
        </button>
        {!props.active && <ReviewLink subject={{ kind: 'batch', id: props.batchId }} />}
        {props.onAnotherModel && (
          <button type="button" className="button button--ghost" onClick={props.onAnotherModel}>
            {t.batch.anotherModel}
          </button>
        )}
        {props.onAskFieldsAgain && (
          <button type="button" className="button button--ghost" onClick={props.onAskFieldsAgain}>
            {t.batch.askFieldsAgain}
          </button>
        )}
      </div>
      <ExportLinks batchId={props.batchId} captions={props.captions} fields={props.fields} />
    </div>
  );
}

import { MAX_IMAGES_PER_BATCH, MAX_UPLOAD_BYTES } from '../../../config/limits';
import { useI18n } from '../../../i18n';
import type { DatasetAssessment } from '../lib/assess-dataset';

interface DatasetInfoProps {
  dataset: DatasetAssessment;
  duplicatesSkipped: number;
  onRemoveRejected(): void;
  onClear(): void;
}

/** How many photos and bytes, against the limits; warns before the server would refuse the batch. */
export function DatasetInfo({ dataset, duplicatesSkipped, onRemoveRejected, onClear }: DatasetInfoProps) {
  const { t, format } = useI18n();
  const over = dataset.extraImages > 0 || dataset.extraBytes > 0;
  const state = over ? 'over' : dataset.nearLimit ? 'near' : 'ok';

  return (
    <div data-testid="dataset-info" className={`dataset-info dataset-info--${state}`}>
      <div className="dataset-info__meters">
        <Meter
          label={t.upload.countOfMax(format.number(dataset.count), format.number(MAX_IMAGES_PER_BATCH))}
          value={dataset.count}
          max={MAX_IMAGES_PER_BATCH}
        />
        <Meter
          label={t.upload.sizeOfMax(format.bytes(dataset.totalBytes), format.bytes(MAX_UPLOAD_BYTES))}
          value={dataset.totalBytes}
          max={MAX_UPLOAD_BYTES}
        />
        <button type="button" className="button button--ghost button--small" onClick={onClear}>
          {t.upload.clearAll}
        </button>
      </div>
      <div className="dataset-info__notes" role="status">
        {dataset.extraImages > 0 && (
          <p className="note note--error">
            {t.upload.tooMany(format.number(MAX_IMAGES_PER_BATCH), format.number(dataset.extraImages), dataset.extraImages)}
          </p>
        )}
        {dataset.extraBytes > 0 && (
          <p className="note note--error">{t.upload.tooLarge(format.bytes(MAX_UPLOAD_BYTES), format.bytes(dataset.extraBytes))}</p>
        )}
        {!over && dataset.nearLimit && <p className="note note--warning">{t.upload.nearLimit}</p>}
        {dataset.rejected > 0 && (
          <p className="note note--warning">
            {t.upload.willFail(format.number(dataset.rejected), dataset.rejected)}{' '}
            <button type="button" className="link-button" onClick={onRemoveRejected}>
              {t.upload.removeRejected}
            </button>
          </p>
        )}
        {duplicatesSkipped > 0 && <p className="note">{t.upload.duplicatesSkipped(format.number(duplicatesSkipped), duplicatesSkipped)}</p>}
      </div>
    </div>
  );
}

function Meter({ label, value, max }: { label: string; value: number; max: number }) {
  const ratio = Math.min(1, value / max);
  return (
    <div className={`meter${value > max ? ' meter--over' : ''}`}>
      <span className="meter__label">{label}</span>
      <span className="meter__track" aria-hidden="true">
        <span className="meter__fill" style={{ width: `${ratio * 100}%` }} />
      </span>
    </div>
  );
}

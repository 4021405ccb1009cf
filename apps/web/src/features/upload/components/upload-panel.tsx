import { useI18n } from '../../../i18n';
import type { SelectedFiles } from '../hooks/use-selected-files';
import type { DatasetAssessment } from '../lib/assess-dataset';
import { DatasetInfo } from './dataset-info';
import { DropZone } from './drop-zone';
import { PreviewGrid } from './preview-grid';

interface UploadPanelProps {
  selection: SelectedFiles;
  dataset: DatasetAssessment;
  dragging: boolean;
}

export function UploadPanel({ selection, dataset, dragging }: UploadPanelProps) {
  const { t } = useI18n();
  const hasFiles = selection.files.length > 0;
  return (
    <section className="panel" aria-labelledby="upload-heading">
      <h2 className="panel__title" id="upload-heading">
        <span className="step" aria-hidden="true">
          1
        </span>
        {t.upload.heading}
      </h2>
      <DropZone onFiles={selection.add} compact={hasFiles} dragging={dragging} />
      {hasFiles && (
        <>
          <DatasetInfo
            dataset={dataset}
            duplicatesSkipped={selection.duplicatesSkipped}
            onRemoveRejected={selection.removeRejected}
            onClear={selection.clear}
          />
          <PreviewGrid files={selection.files} onRemove={selection.remove} />
        </>
      )}
    </section>
  );
}

import { Banner } from '../../components/banner';
import { ResumeBanner } from '../../features/batch';
import { ModelPicker, type BatchOptions } from '../../features/models';
import { assessDataset, UploadPanel, useSubmitBatch, type SelectedFiles } from '../../features/upload';
import { useI18n } from '../../i18n';

interface NewBatchRouteProps {
  selection: SelectedFiles;
  dragging: boolean;
  onSubmitted(batchId: string, files: File[]): void;
}

/** Photos on the left, models on the right: clicking a model uploads the photos and starts the batch. */
export function NewBatchRoute({ selection, dragging, onSubmitted }: NewBatchRouteProps) {
  const { t } = useI18n();
  const dataset = assessDataset(selection.files);
  const { state, submit } = useSubmitBatch();
  const blockedBy = dataset.count === 0 ? t.models.needPhotos : dataset.acceptable ? null : t.models.fixDataset;

  const start = async (model: string, options: BatchOptions) => {
    const files = selection.files.map((entry) => entry.file);
    const batchId = await submit({ files, model, prompt: options.prompt, concurrency: options.concurrency ?? undefined });
    if (batchId) onSubmitted(batchId, files);
  };

  return (
    <div className="new-batch">
      <ResumeBanner />
      <div className="new-batch__grid">
        <UploadPanel selection={selection} dataset={dataset} dragging={dragging} />
        <div className="new-batch__side">
          <ModelPicker
            blockedBy={blockedBy}
            uploading={state.phase === 'uploading' ? { model: state.model, progress: state.progress } : null}
            onPick={(model, options) => void start(model, options)}
          />
          {state.phase === 'failed' && (
            <Banner tone="error" title={t.models.submitFailed}>
              <p>{state.error}</p>
            </Banner>
          )}
        </div>
      </div>
    </div>
  );
}

import { useMemo } from 'react';
import { Banner } from '../../components/banner';
import { FailureText } from '../../components/failure-text';
import { ResumeBanner } from '../../features/batch';
import { GroundTruthPicker, useGroundTruth, useSubmitComparison, type SubmittedComparison } from '../../features/compare';
import { ModelPicker, type BatchOptions } from '../../features/models';
import { assessDataset, UploadPanel, useSubmitBatch, type SelectedFiles } from '../../features/upload';
import { useI18n } from '../../i18n';

interface NewBatchRouteProps {
  selection: SelectedFiles;
  dragging: boolean;
  onSubmitted(batchId: string, files: File[]): void;
  onCompared(comparison: SubmittedComparison, files: File[]): void;
}

/**
 * Photos on the left, models on the right: clicking a model uploads the photos and starts the batch; or several
 * models are ticked and compared over the same photos, against the labels when there are some.
 */
export function NewBatchRoute({ selection, dragging, onSubmitted, onCompared }: NewBatchRouteProps) {
  const { t } = useI18n();
  const dataset = assessDataset(selection.files);
  const { state, submit } = useSubmitBatch();
  const comparison = useSubmitComparison();
  const photos = useMemo(
    () => selection.files.map((entry) => ({ file: entry.file, name: entry.file.name, path: entry.path })),
    [selection.files],
  );
  const groundTruth = useGroundTruth(photos);
  const blockedBy = dataset.count === 0 ? t.models.needPhotos : dataset.acceptable ? null : t.models.fixDataset;

  const start = async (model: string, options: BatchOptions) => {
    const files = selection.files.map((entry) => entry.file);
    const batchId = await submit({
      files,
      model,
      prompt: options.prompt,
      concurrency: options.concurrency ?? undefined,
      fields: options.fields,
    });
    if (batchId) onSubmitted(batchId, files);
  };

  const compare = async (models: string[], options: BatchOptions) => {
    const submitted = await comparison.submit({
      photos,
      models,
      labels: groundTruth.truth?.labels ?? null,
      prompt: options.prompt,
      concurrency: options.concurrency ?? undefined,
      fields: options.fields,
      truthField: options.truthField,
    });
    if (submitted)
      onCompared(
        submitted,
        photos.map((photo) => photo.file),
      );
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
            comparing={comparison.state.phase === 'uploading' ? comparison.state.progress : null}
            onCompare={(models, options) => void compare(models, options)}
            compareExtras={<GroundTruthPicker choice={groundTruth} photoCount={photos.length} />}
          />
          {state.phase === 'failed' && (
            <Banner tone="error" title={t.models.submitFailed}>
              <FailureText error={state.error} />
            </Banner>
          )}
          {comparison.state.phase === 'failed' && (
            <Banner tone="error" title={t.models.compareFailed}>
              <FailureText error={comparison.state.error} />
            </Banner>
          )}
        </div>
      </div>
    </div>
  );
}

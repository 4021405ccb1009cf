import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useI18n } from '../../../i18n';
import { useModels } from '../api/use-models';
import { listsNoVisionModel, modelOptions, type ModelOption } from '../lib/model-options';
import { BatchOptionsFields, type BatchOptions } from './batch-options-fields';
import { LmStudioBanner } from './lmstudio-banner';
import { ModelButton } from './model-button';

interface ModelPickerProps {
  /** Why the batch cannot start yet (no photos, over a limit), or null. */
  blockedBy: string | null;
  /** The model whose batch is being uploaded, with the upload's progress. */
  uploading: { model: string; progress: number } | null;
  onPick(modelId: string, options: BatchOptions): void;
}

/** One button per model: clicking it starts the batch with that model. */
export function ModelPicker({ blockedBy, uploading, onPick }: ModelPickerProps) {
  const { t } = useI18n();
  const models = useModels();
  const [options, setOptions] = useState<BatchOptions>({ prompt: '', concurrency: null });
  const all = modelOptions(models.data);
  const problem = models.isError ? 'unreachable' : models.data && listsNoVisionModel(models.data) ? 'no-vision' : null;

  const renderGroup = (group: ModelOption['group'], title: string) => {
    const members = all.filter((option) => option.group === group);
    if (members.length === 0) return null;
    return (
      <div className={`model-group model-group--${group}`} role="group" aria-label={title}>
        <h3 className="model-group__title">{title}</h3>
        <div className="model-group__list">
          {members.map((option) => (
            <ModelButton
              key={option.id}
              option={option}
              blockedBy={blockedBy}
              uploading={uploading?.model === option.id ? uploading.progress : null}
              busy={uploading !== null}
              onPick={(id) => onPick(id, options)}
            />
          ))}
        </div>
      </div>
    );
  };

  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 className="panel__title" id="model-heading">
        <span className="step" aria-hidden="true">2</span>
        {t.models.heading}
      </h2>
      <p className="panel__hint">{blockedBy ?? t.models.hint}</p>
      {problem && (
        <LmStudioBanner
          problem={problem}
          detail={models.error instanceof TRPCClientError ? models.error.message : null}
          retrying={models.isFetching}
          onRetry={() => void models.refetch()}
        />
      )}
      {models.isPending && <p className="muted" role="status">{t.models.loading}</p>}
      {renderGroup('seed', t.models.seeds)}
      {renderGroup('vision', t.models.others)}
      {renderGroup('unusable', t.models.unusable)}
      <BatchOptionsFields value={options} onChange={setOptions} />
    </section>
  );
}

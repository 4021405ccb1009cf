import { truthFieldChoices } from '@vision/core/fields';
import { TRPCClientError } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../../i18n';
import { useModels } from '../api/use-models';
import { useSoleServerKind } from '../api/use-sole-server-kind';
import { useFieldChoice } from '../hooks/use-field-choice';
import { useTickedModels } from '../hooks/use-ticked-models';
import { listsNoVisionModel, modelOptions } from '../lib/model-options';
import { BatchOptionsFields, type BatchOptions } from './batch-options-fields';
import { TruthFieldSelect } from './truth-field-select';
import { FieldEditor } from './field-editor';
import { CompareStart, CompareToggle } from './compare-controls';
import { HostList } from './host-list';
import { InferenceBanner } from './inference-banner';
import { ModelGroups } from './model-groups';

interface ModelPickerProps {
  /** Why the batch cannot start yet (no photos, over a limit), or null. */
  blockedBy: string | null;
  /** The model whose batch is being uploaded, with the upload's progress. */
  uploading: { model: string; progress: number } | null;
  onPick(modelId: string, options: BatchOptions): void;
  /** The comparison's upload progress (0..1) while it is being sent. */
  comparing: number | null;
  /** Starts the ticked models over the same photos, in the list's order. */
  onCompare(modelIds: string[], options: BatchOptions): void;
  /** Shown while comparing is switched on, above its start button (the ground truth). */
  compareExtras: ReactNode;
}

/** One button per model: clicking it starts the batch with that model. Or, to compare, a checkbox per model. */
export function ModelPicker({ blockedBy: photosBlock, uploading, onPick, comparing, onCompare, compareExtras }: ModelPickerProps) {
  const { t } = useI18n();
  const models = useModels();
  const { product } = useSoleServerKind();
  const fieldChoice = useFieldChoice();
  const { reading: fieldReading, fields } = fieldChoice;
  const [truthField, setTruthField] = useState('');
  const [options, setOptions] = useState<BatchOptions>({ prompt: '', concurrency: null });
  const [compareMode, setCompareMode] = useState(false);
  const { ticked, toggle } = useTickedModels();
  const blockedBy = photosBlock ?? (fieldReading.ok ? null : t.fields.invalid(fieldReading.error));
  const chosenTruth = truthFieldChoices(fields).some((field) => field.name === truthField) ? truthField : undefined;
  const asked = (): BatchOptions => ({ ...options, fields, ...(compareMode && chosenTruth ? { truthField: chosenTruth } : {}) });
  const all = modelOptions(models.data);
  const busy = uploading !== null || comparing !== null;
  const picked = all.filter((option) => option.usable && ticked.has(option.id)).map((option) => option.id);

  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 className="panel__title" id="model-heading">
        <span className="step" aria-hidden="true">
          2
        </span>
        {t.models.heading}
      </h2>
      <p className="panel__hint">{blockedBy ?? (compareMode ? t.models.compareHint : t.models.hint)}</p>
      <CompareToggle on={compareMode} onChange={setCompareMode} />
      <ModelListProblem models={models} />
      <HostList />
      {models.isPending && (
        <p className="muted" role="status">
          {t.models.loading(product)}
        </p>
      )}
      <ModelGroups
        options={all}
        product={product}
        compareMode={compareMode}
        ticked={ticked}
        onToggle={toggle}
        blockedBy={blockedBy}
        uploading={uploading}
        busy={busy}
        onPick={(id) => onPick(id, asked())}
      />
      {compareMode && (
        <>
          {compareExtras}
          <TruthFieldSelect fields={fields} value={chosenTruth ?? ''} onChange={setTruthField} />
          <CompareStart
            picked={picked.length}
            blockedBy={blockedBy}
            uploading={comparing}
            busy={busy}
            onStart={() => onCompare(picked, asked())}
          />
        </>
      )}
      <FieldEditor choice={fieldChoice.choice} onChange={fieldChoice.choose} reading={fieldReading} />
      <BatchOptionsFields value={options} onChange={setOptions} />
    </section>
  );
}

/** What is wrong with the model list (no server answers, none lists a vision model), with a retry; else nothing. */
function ModelListProblem({ models }: { models: ReturnType<typeof useModels> }) {
  const problem = models.isError ? 'unreachable' : models.data && listsNoVisionModel(models.data) ? 'no-vision' : null;
  if (!problem) return null;
  return (
    <InferenceBanner
      problem={problem}
      detail={models.error instanceof TRPCClientError ? models.error.message : null}
      retrying={models.isFetching}
      onRetry={() => void models.refetch()}
    />
  );
}

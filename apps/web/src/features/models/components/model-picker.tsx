import { truthFieldChoices } from '@vision/core/fields';
import { TRPCClientError } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../../i18n';
import { useModels } from '../api/use-models';
import { useSoleServerKind } from '../api/use-sole-server-kind';
import { listsNoVisionModel, modelOptions, type ModelOption } from '../lib/model-options';
import { fieldsOfChoice, type FieldChoice } from '../lib/field-choice';
import { lastFieldChoice, rememberFieldChoice } from '../lib/last-field-choice';
import { BatchOptionsFields, type BatchOptions } from './batch-options-fields';
import { TruthFieldSelect } from './truth-field-select';
import { FieldEditor } from './field-editor';
import { CompareStart, CompareToggle } from './compare-controls';
import { HostList } from './host-list';
import { InferenceBanner } from './inference-banner';
import { ModelButton } from './model-button';
import { ModelCheck } from './model-check';

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
  const [fieldChoice, setFieldChoice] = useState<FieldChoice>(lastFieldChoice);
  const fieldReading = fieldsOfChoice(fieldChoice);
  const blockedBy = photosBlock ?? (fieldReading.ok ? null : t.fields.invalid(fieldReading.error));
  const chooseFields = (choice: FieldChoice) => {
    rememberFieldChoice(choice);
    setFieldChoice(choice);
  };
  const [truthField, setTruthField] = useState('');
  const fields = fieldReading.ok ? fieldReading.fields : null;
  const chosenTruth = truthFieldChoices(fields).some((field) => field.name === truthField) ? truthField : undefined;
  const asked = (): BatchOptions => ({ ...options, fields, ...(compareMode && chosenTruth ? { truthField: chosenTruth } : {}) });
  const models = useModels();
  const { product } = useSoleServerKind();
  const [options, setOptions] = useState<BatchOptions>({ prompt: '', concurrency: null });
  const [compareMode, setCompareMode] = useState(false);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const all = modelOptions(models.data);
  const problem = models.isError ? 'unreachable' : models.data && listsNoVisionModel(models.data) ? 'no-vision' : null;
  const busy = uploading !== null || comparing !== null;
  const picked = all.filter((option) => option.usable && ticked.has(option.id)).map((option) => option.id);

  const toggle = (id: string) =>
    setTicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const renderGroup = (group: ModelOption['group'], title: string) => {
    const members = all.filter((option) => option.group === group);
    if (members.length === 0) return null;
    return (
      <div className={`model-group model-group--${group}`} role="group" aria-label={title}>
        <h3 className="model-group__title">{title}</h3>
        <div className="model-group__list">
          {members.map((option) =>
            compareMode ? (
              <ModelCheck key={option.id} option={option} checked={ticked.has(option.id)} busy={busy} onToggle={toggle} />
            ) : (
              <ModelButton
                key={option.id}
                option={option}
                blockedBy={blockedBy}
                uploading={uploading?.model === option.id ? uploading.progress : null}
                busy={busy}
                onPick={(id) => onPick(id, asked())}
              />
            ),
          )}
        </div>
      </div>
    );
  };

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
      {problem && (
        <InferenceBanner
          problem={problem}
          detail={models.error instanceof TRPCClientError ? models.error.message : null}
          retrying={models.isFetching}
          onRetry={() => void models.refetch()}
        />
      )}
      <HostList />
      {models.isPending && (
        <p className="muted" role="status">
          {t.models.loading(product)}
        </p>
      )}
      {renderGroup('seed', t.models.seeds)}
      {renderGroup('vision', t.models.others(product))}
      {renderGroup('unusable', t.models.unusable)}
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
      <FieldEditor choice={fieldChoice} onChange={chooseFields} reading={fieldReading} />
      <BatchOptionsFields value={options} onChange={setOptions} />
    </section>
  );
}

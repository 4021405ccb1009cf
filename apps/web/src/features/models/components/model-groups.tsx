import { useI18n } from '../../../i18n';
import type { ModelOption } from '../lib/model-options';
import { ModelButton } from './model-button';
import { ModelCheck } from './model-check';

interface ModelGroupsProps {
  options: readonly ModelOption[];
  /** The one kind of inference server's name, for the title of the other vision models; null for several. */
  product: string | null;
  /** Comparing: a checkbox per model (ticked ones in `ticked`); else a button that starts the model's batch. */
  compareMode: boolean;
  ticked: ReadonlySet<string>;
  onToggle(modelId: string): void;
  /** Why no model can be clicked right now (no photos, over a limit, fields that cannot be sent), or null. */
  blockedBy: string | null;
  /** The model whose batch is being uploaded, with the upload's progress. */
  uploading: { model: string; progress: number } | null;
  /** A batch or a comparison is being sent. */
  busy: boolean;
  onPick(modelId: string): void;
}

/** The models in their groups: the seeds, the other vision models, then the ones that cannot see images. */
export function ModelGroups({ product, ...shared }: ModelGroupsProps) {
  const { t } = useI18n();
  return (
    <>
      <ModelGroup group="seed" title={t.models.seeds} {...shared} />
      <ModelGroup group="vision" title={t.models.others(product)} {...shared} />
      <ModelGroup group="unusable" title={t.models.unusable} {...shared} />
    </>
  );
}

type ModelGroupProps = Omit<ModelGroupsProps, 'product'> & { group: ModelOption['group']; title: string };

function ModelGroup({ group, title, options, compareMode, ticked, onToggle, blockedBy, uploading, busy, onPick }: ModelGroupProps) {
  const members = options.filter((option) => option.group === group);
  if (members.length === 0) return null;
  return (
    <div className={`model-group model-group--${group}`} role="group" aria-label={title}>
      <h3 className="model-group__title">{title}</h3>
      <div className="model-group__list">
        {members.map((option) =>
          compareMode ? (
            <ModelCheck key={option.id} option={option} checked={ticked.has(option.id)} busy={busy} onToggle={onToggle} />
          ) : (
            <ModelButton
              key={option.id}
              option={option}
              blockedBy={blockedBy}
              uploading={uploading?.model === option.id ? uploading.progress : null}
              busy={busy}
              onPick={onPick}
            />
          ),
        )}
      </div>
    </div>
  );
}

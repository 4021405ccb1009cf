import { useI18n } from '../../../i18n';
import type { ModelOption } from '../lib/model-options';
import { ModelNote, modelNoteId, ModelTitle } from './model-details';

interface ModelButtonProps {
  option: ModelOption;
  /** Why no model can be clicked right now (no photos...), or null. */
  blockedBy: string | null;
  /** Upload progress (0..1) while this model's batch is being sent. */
  uploading: number | null;
  /** A batch is being sent (with this or another model). */
  busy: boolean;
  onPick(modelId: string): void;
}

export function ModelButton({ option, blockedBy, uploading, busy, onPick }: ModelButtonProps) {
  const { t, format } = useI18n();
  const { id } = option;
  return (
    <div className={`model model--${option.group}`}>
      <button
        type="button"
        className="model__button"
        data-testid="model-button"
        data-model-id={id}
        disabled={!option.usable || blockedBy !== null || busy}
        aria-describedby={modelNoteId(id)}
        title={option.usable ? t.models.start(id) : undefined}
        onClick={() => onPick(id)}
      >
        <ModelTitle option={option} />
        <span className={`model__go${uploading !== null ? ' model__go--uploading' : ''}`} aria-hidden={uploading === null}>
          {uploading !== null ? t.models.uploading(format.percent(uploading)) : '→'}
        </span>
        {uploading !== null && <span className="model__upload" style={{ width: `${uploading * 100}%` }} aria-hidden="true" />}
      </button>
      <ModelNote option={option} />
    </div>
  );
}

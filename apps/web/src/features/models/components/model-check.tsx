import type { ModelOption } from '../lib/model-options';
import { ModelNote, modelNoteId, ModelTitle } from './model-details';

interface ModelCheckProps {
  option: ModelOption;
  checked: boolean;
  /** A comparison is being sent. */
  busy: boolean;
  onToggle(modelId: string): void;
}

/** A model as a checkbox, when several are chosen to be compared over the same photos. */
export function ModelCheck({ option, checked, busy, onToggle }: ModelCheckProps) {
  const { id } = option;
  return (
    <div className={`model model--${option.group}`}>
      <label className="model__button model__button--check">
        <input
          type="checkbox"
          className="model__check"
          data-testid="model-check"
          data-model-id={id}
          checked={checked}
          disabled={!option.usable || busy}
          aria-describedby={modelNoteId(id)}
          onChange={() => onToggle(id)}
        />
        <ModelTitle option={option} />
      </label>
      <ModelNote option={option} />
    </div>
  );
}

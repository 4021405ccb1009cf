import { useI18n } from '../../../i18n';
import type { ModelOption } from '../lib/model-options';

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
  const { id, info } = option;
  const slash = id.indexOf('/');
  const publisher = slash > 0 ? id.slice(0, slash + 1) : '';
  const name = slash > 0 ? id.slice(slash + 1) : id;
  const noteId = `model-note-${id.replace(/[^a-z0-9]/gi, '-')}`;
  const facts = [
    info?.quantization,
    info?.maxContextLength ? t.models.context(format.number(info.maxContextLength)) : null,
  ].filter(Boolean);

  return (
    <div className={`model model--${option.group}`}>
      <button
        type="button"
        className="model__button"
        data-testid="model-button"
        data-model-id={id}
        disabled={!option.usable || blockedBy !== null || busy}
        aria-describedby={noteId}
        title={option.usable ? t.models.start(id) : undefined}
        onClick={() => onPick(id)}
      >
        <span className="model__name">
          <span className="model__publisher">{publisher}</span>
          {name}
        </span>
        {facts.length > 0 && <span className="model__facts">{facts.join(' · ')}</span>}
        <span className={`model__go${uploading !== null ? ' model__go--uploading' : ''}`} aria-hidden={uploading === null}>
          {uploading !== null ? t.models.uploading(format.percent(uploading)) : '→'}
        </span>
        {uploading !== null && <span className="model__upload" style={{ width: `${uploading * 100}%` }} aria-hidden="true" />}
      </button>
      <p className={`model__note${option.usable ? '' : ' model__note--why'}`} id={noteId}>
        {noteText(option, t)}
      </p>
    </div>
  );
}

function noteText(option: ModelOption, t: ReturnType<typeof useI18n>['t']): string {
  switch (option.note) {
    case 'loaded':
      return t.models.loaded;
    case 'not-loaded':
      return t.models.notLoaded;
    case 'not-listed':
      return t.models.notListed;
    case 'unknown-vision':
      return t.models.unknownVision;
    case 'text-only':
      return t.models.textOnly(option.info?.type ?? 'llm');
    case null:
      return '';
  }
}

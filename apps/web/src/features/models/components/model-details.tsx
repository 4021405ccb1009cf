import { useI18n } from '../../../i18n';
import { useSoleServerKind } from '../api/use-sole-server-kind';
import type { ModelOption } from '../lib/model-options';

export const modelNoteId = (id: string): string => `model-note-${id.replace(/[^a-z0-9]/gi, '-')}`;

/** "qwen/" muted, "qwen3-vl-4b" bold, then what its server says about it (quantization, context). */
export function ModelTitle({ option }: { option: ModelOption }) {
  const { t, format } = useI18n();
  const { id, info } = option;
  const slash = id.indexOf('/');
  const publisher = slash > 0 ? id.slice(0, slash + 1) : '';
  const name = slash > 0 ? id.slice(slash + 1) : id;
  const facts = [info?.quantization, info?.maxContextLength ? t.models.context(format.number(info.maxContextLength)) : null].filter(
    Boolean,
  );
  return (
    <>
      <span className="model__name">
        <span className="model__publisher">{publisher}</span>
        {name}
      </span>
      {facts.length > 0 && <span className="model__facts">{facts.join(' · ')}</span>}
    </>
  );
}

/** Whether the model is loaded, or why it cannot be used. */
export function ModelNote({ option }: { option: ModelOption }) {
  const { t } = useI18n();
  const { product } = useSoleServerKind();
  return (
    <p className={`model__note${option.usable ? '' : ' model__note--why'}`} id={modelNoteId(option.id)}>
      {noteText(option, t, product)}
    </p>
  );
}

function noteText(option: ModelOption, t: ReturnType<typeof useI18n>['t'], product: string | null): string {
  switch (option.note) {
    case 'loaded':
      return t.models.loaded;
    case 'not-loaded':
      return t.models.notLoaded;
    case 'not-listed':
      return t.models.notListed(product);
    case 'unknown-vision':
      return t.models.unknownVision(product);
    case 'text-only':
      return t.models.textOnly(option.info?.type ?? 'llm');
    case null:
      return '';
  }
}

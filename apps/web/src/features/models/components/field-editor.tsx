import { buildFieldsRequest, FIELD_TYPES, type FieldSpec, type FieldType } from '@vision/core/fields';
import { useI18n } from '../../../i18n';
import type { DraftField, FieldChoice, FieldPresetChoice } from '../lib/field-choice';

const PRESETS: FieldPresetChoice[] = ['entity', 'caption', 'tags', 'count', 'classify', 'custom'];

interface FieldEditorProps {
  choice: FieldChoice;
  onChange(next: FieldChoice): void;
  /** The fields the choice sends (null: the main entity), or why it cannot be sent. */
  reading: { ok: true; fields: FieldSpec[] | null } | { ok: false; error: string };
}

/** What every photo is asked: a preset, or a small form of fields, with the prompt and schema it will send. */
export function FieldEditor({ choice, onChange, reading }: FieldEditorProps) {
  const { t } = useI18n();
  const setDraft = (position: number, patch: Partial<DraftField>) =>
    onChange({ ...choice, custom: choice.custom.map((draft, at) => (at === position ? { ...draft, ...patch } : draft)) });
  return (
    <fieldset className="field-editor" data-testid="field-editor">
      <legend className="field__label">{t.fields.heading}</legend>
      <label className="field">
        <span className="field__label">{t.fields.preset}</span>
        <select
          className="field__input"
          name="preset"
          value={choice.preset}
          onChange={(event) => onChange({ ...choice, preset: event.target.value as FieldPresetChoice })}
        >
          {PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t.fields.presets[preset]}
            </option>
          ))}
        </select>
      </label>
      {choice.preset === 'classify' && (
        <label className="field">
          <span className="field__label">{t.fields.labels}</span>
          <input
            className="field__input"
            name="labels"
            value={choice.labels}
            onChange={(event) => onChange({ ...choice, labels: event.target.value })}
          />
          <span className="field__hint">{t.fields.labelsHint}</span>
        </label>
      )}
      {choice.preset === 'custom' && (
        <div className="field-editor__rows">
          {choice.custom.map((draft, position) => (
            <DraftRow
              key={position}
              draft={draft}
              onChange={(patch) => setDraft(position, patch)}
              onRemove={() => onChange({ ...choice, custom: choice.custom.filter((_, at) => at !== position) })}
            />
          ))}
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => onChange({ ...choice, custom: [...choice.custom, { name: '', type: 'text', values: '', description: '' }] })}
          >
            {t.fields.addField}
          </button>
        </div>
      )}
      {!reading.ok && (
        <p className="field__error" role="alert" data-testid="fields-error">
          {t.fields.invalid(reading.error)}
        </p>
      )}
      {reading.ok && reading.fields && <RequestPreview fields={reading.fields} />}
    </fieldset>
  );
}

function DraftRow({ draft, onChange, onRemove }: { draft: DraftField; onChange(patch: Partial<DraftField>): void; onRemove(): void }) {
  const { t } = useI18n();
  const closed = draft.type === 'label' || draft.type === 'labels';
  return (
    <div className="field-editor__row" data-testid="field-row">
      <input
        className="field__input"
        aria-label={t.fields.name}
        placeholder={t.fields.name}
        value={draft.name}
        onChange={(event) => onChange({ name: event.target.value })}
      />
      <select
        className="field__input"
        aria-label={t.fields.type}
        value={draft.type}
        onChange={(event) => onChange({ type: event.target.value as FieldType })}
      >
        {FIELD_TYPES.map((type) => (
          <option key={type} value={type}>
            {t.fields.types[type]}
          </option>
        ))}
      </select>
      {closed && (
        <input
          className="field__input"
          aria-label={t.fields.values}
          placeholder={t.fields.values}
          value={draft.values}
          onChange={(event) => onChange({ values: event.target.value })}
        />
      )}
      <input
        className="field__input"
        aria-label={t.fields.description}
        placeholder={t.fields.description}
        value={draft.description}
        onChange={(event) => onChange({ description: event.target.value })}
      />
      <button type="button" className="button button--small button--ghost" onClick={onRemove}>
        {t.fields.removeField}
      </button>
    </div>
  );
}

function RequestPreview({ fields }: { fields: FieldSpec[] }) {
  const { t } = useI18n();
  const request = buildFieldsRequest(fields);
  return (
    <details className="field-editor__preview" data-testid="fields-preview">
      <summary>{t.fields.preview}</summary>
      <p className="field__label">{t.fields.prompt}</p>
      <pre>{request.prompt}</pre>
      <p className="field__label">{t.fields.schema}</p>
      <pre>{JSON.stringify(request.responseFormat, null, 2)}</pre>
    </details>
  );
}

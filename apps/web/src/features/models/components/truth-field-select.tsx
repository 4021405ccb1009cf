import { judgedField, truthFieldChoices, type FieldSpec } from '@vision/core/fields';
import { useI18n } from '../../../i18n';

interface TruthFieldSelectProps {
  fields: readonly FieldSpec[] | null;
  /** The chosen field's name; empty lets the server pick. */
  value: string;
  onChange(name: string): void;
}

/** Which field a comparison's ground truth judges: offered only when the fields give more than one to choose from. */
export function TruthFieldSelect({ fields, value, onChange }: TruthFieldSelectProps) {
  const { t } = useI18n();
  const choices = truthFieldChoices(fields);
  if (choices.length < 2) return null;
  return (
    <label className="field">
      <span className="field__label">{t.fields.truthFieldLabel}</span>
      <select value={value} data-testid="truth-field-select" onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">{t.fields.truthFieldAuto(judgedField(fields)?.name ?? '')}</option>
        {choices.map((field) => (
          <option key={field.name} value={field.name}>
            {field.name} ({t.fields.types[field.type]})
          </option>
        ))}
      </select>
    </label>
  );
}

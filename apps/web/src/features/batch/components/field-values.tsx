import type { FieldErrors, FieldValues } from '@vision/core/fields';
import { useI18n } from '../../../i18n';

/** Every field of a result: a caption wraps, a list shows as chips, a yes/no as a mark, an unread field says so. */
export function FieldValuesList({ fields, errors }: { fields: FieldValues; errors: FieldErrors | undefined }) {
  const { t, format } = useI18n();
  const shown = (value: FieldValues[string]) => {
    if (value === null) return <span className="field-value field-value--unread">{t.fields.unread}</span>;
    if (typeof value === 'boolean')
      return <span className={`field-value field-value--${value ? 'yes' : 'no'}`}>{value ? `✓ ${t.fields.yes}` : `✗ ${t.fields.no}`}</span>;
    if (Array.isArray(value))
      return (
        <span className="field-chips">
          {value.map((entry) => (
            <span key={entry} className="field-chip">
              {entry}
            </span>
          ))}
        </span>
      );
    return <span className="field-value field-value--text">{typeof value === 'number' ? format.number(value) : value}</span>;
  };
  return (
    <dl className="result__fields" data-testid="result-fields">
      {Object.entries(fields).map(([name, value]) => (
        <div key={name} className="result__field" data-field={name}>
          <dt>{name}</dt>
          <dd title={errors?.[name]}>{shown(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

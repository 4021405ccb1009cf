import { useI18n } from '../i18n';
import type { ExportRows } from '../lib/api-urls';

/** `reviewed` or `reviewed:<field>` in the select; `all` otherwise. */
const valueOf = (rows: ExportRows): string => (rows === 'all' ? 'all' : rows.field ? `reviewed:${rows.field}` : 'reviewed');
const rowsOf = (value: string): ExportRows =>
  value === 'all' ? 'all' : value === 'reviewed' ? { reviewed: 'only' } : { reviewed: 'only', field: value.slice('reviewed:'.length) };

/**
 * Chooses the rows the export links download: every photo, or only those a person reviewed (the server's
 * `?reviewed=only`), on any field or on one (`&field=`), as the CLI's `export --reviewed-only/--reviewed-field`.
 */
export function ExportRowsChoice({
  value,
  fields,
  onChange,
}: {
  value: ExportRows;
  fields: readonly string[];
  onChange(rows: ExportRows): void;
}) {
  const { t } = useI18n();
  const text = t.review.exportRows;
  return (
    <label className="export-rows-choice">
      <span>{text.label}</span>
      <select
        className="field__input"
        data-testid="export-rows"
        value={valueOf(value)}
        onChange={(event) => onChange(rowsOf(event.target.value))}
      >
        <option value="all">{text.all}</option>
        <option value="reviewed">{text.reviewed}</option>
        {fields.map((field) => (
          <option key={field} value={`reviewed:${field}`}>
            {text.reviewedField(field)}
          </option>
        ))}
      </select>
    </label>
  );
}

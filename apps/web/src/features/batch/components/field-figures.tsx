import type { FieldFigures } from '@vision/core/fields';
import { useI18n } from '../../../i18n';

/** Per field: a bar for each value of a closed or yes/no field (how many photos got it), sum and mean of a number. */
export function FieldFiguresChart({ figures }: { figures: FieldFigures }) {
  const { t, format } = useI18n();
  return (
    <div className="field-figures" data-testid="field-figures">
      {Object.entries(figures).map(([name, figure]) => (
        <section key={name} className="field-figures__field" aria-label={name} data-field={name}>
          <h3 className="field-figures__name">{name}</h3>
          {figure.type === 'number' ? (
            <p>
              {t.fields.sum}: {format.number(figure.sum)} · {t.fields.mean}: {figure.mean === null ? '—' : format.number(figure.mean, 2)}
            </p>
          ) : (
            <ValueBars counts={figure.counts} />
          )}
        </section>
      ))}
    </div>
  );
}

function ValueBars({ counts }: { counts: Record<string, number> }) {
  const { t, format } = useI18n();
  const most = Math.max(1, ...Object.values(counts));
  const label = (value: string) => (value === 'yes' ? t.fields.yes : value === 'no' ? t.fields.no : value);
  return (
    <ul className="value-bars">
      {Object.entries(counts).map(([value, count]) => (
        <li key={value} className="value-bars__row" data-value={value} data-count={count}>
          <span className="value-bars__label">{label(value)}</span>
          <span className="value-bars__bar" style={{ width: `${(count / most) * 100}%` }} aria-hidden="true" />
          <span className="value-bars__count">{format.number(count)}</span>
        </li>
      ))}
    </ul>
  );
}

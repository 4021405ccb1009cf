import type { FieldAccuracy } from '@vision/core/fields';
import { useI18n } from '../../../i18n';

/** A judged field for one model: its accuracy, precision and recall per class, and which class was taken for which. */
export function FieldAccuracyTable({ judged }: { judged: FieldAccuracy }) {
  const { t, format } = useI18n();
  const ratio = (value: number | null) => (value === null ? '—' : format.percent(value));
  const answers = [...judged.classes, ...(judged.confusion.some((cell) => cell.answer === '(none)') ? ['(none)'] : [])];
  const count = (truth: string, answer: string) =>
    judged.confusion.find((cell) => cell.truth === truth && cell.answer === answer)?.count ?? 0;
  return (
    <section className="model-summary__field" data-testid="field-accuracy" data-field={judged.field}>
      <h4 className="model-summary__label">{t.fields.fieldAccuracy(judged.field)}</h4>
      <p>
        <span className="model-summary__percent" data-testid="field-accuracy-value">
          {ratio(judged.accuracy)}
        </span>{' '}
        <span className="muted">{t.comparison.correctOf(format.number(judged.correct), format.number(judged.labelled))}</span>
      </p>
      <table className="confusion" data-testid="per-class">
        <thead>
          <tr>
            <th />
            <th>{t.fields.precision}</th>
            <th>{t.fields.recall}</th>
          </tr>
        </thead>
        <tbody>
          {judged.perClass.map((row) => (
            <tr key={row.class} data-class={row.class}>
              <th scope="row">{row.class}</th>
              <td>{ratio(row.precision)}</td>
              <td>{ratio(row.recall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="confusion" data-testid="confusion-table" aria-label={t.fields.confusion}>
        <caption className="muted">{t.fields.confusion}</caption>
        <thead>
          <tr>
            <th scope="col">{t.fields.truth}</th>
            {answers.map((answer) => (
              <th key={answer} scope="col">
                {answer}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {judged.classes.map((truth) => (
            <tr key={truth}>
              <th scope="row">{truth}</th>
              {answers.map((answer) => (
                <td key={answer} data-truth={truth} data-answer={answer}>
                  {count(truth, answer) || ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

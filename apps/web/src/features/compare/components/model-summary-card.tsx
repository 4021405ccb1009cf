import { StatusBadge } from '../../../components/status-badge';
import { useI18n } from '../../../i18n';
import type { ModelSummary } from '../lib/comparison-types';
import { FieldAccuracyTable } from './field-accuracy-table';
import { colourOf, splitModelId } from '../lib/model-name';

interface ModelSummaryCardProps {
  model: ModelSummary;
  position: number;
  mostAccurate: boolean;
  fastest: boolean;
}

const TONES = { queued: 'neutral', running: 'running', completed: 'success', cancelled: 'warning' } as const;

/** A model's figures over the whole dataset: accuracy first, then speed, then its most frequent mistakes. */
export function ModelSummaryCard({ model, position, mostAccurate, fastest }: ModelSummaryCardProps) {
  const { t, format } = useI18n();
  const { publisher, name } = splitModelId(model.model);
  const quantization = model.runRecord?.modelInfo?.quantization;
  const figures: Array<{ label: string; value: string }> = [
    { label: t.comparison.meanTime, value: model.meanProcessingTime === null ? '—' : format.seconds(model.meanProcessingTime) },
    { label: t.comparison.speed, value: model.meanTokensPerSecond === null ? '—' : format.tokensPerSecond(model.meanTokensPerSecond) },
    { label: t.comparison.ttft, value: model.meanTimeToFirstToken === null ? '—' : format.seconds(model.meanTimeToFirstToken) },
    { label: t.comparison.failures, value: format.number(model.failures) },
    { label: t.comparison.quantization, value: typeof quantization === 'string' && quantization ? quantization : '—' },
  ];

  return (
    <article
      className={`model-summary${mostAccurate ? ' model-summary--accurate' : ''}`}
      data-testid="model-summary"
      data-model-id={model.model}
      data-batch-id={model.batchId}
      data-colour={colourOf(position)}
      aria-labelledby={`model-summary-${position}`}
    >
      <header className="model-summary__header">
        <h3 className="model-summary__name" id={`model-summary-${position}`}>
          <span className="model-summary__swatch" aria-hidden="true" />
          <span className="model__publisher">{publisher}</span>
          {name}
        </h3>
        <p className="model-summary__badges">
          {mostAccurate && (
            <span className="badge badge--accurate" data-testid="most-accurate">
              {t.comparison.mostAccurate}
            </span>
          )}
          {fastest && (
            <span className="badge badge--fastest" data-testid="fastest">
              {t.comparison.fastest}
            </span>
          )}
          {model.status !== 'completed' && <StatusBadge tone={TONES[model.status]}>{t.batch.status[model.status]}</StatusBadge>}
        </p>
      </header>
      <p className="model-summary__accuracy">
        <span className="model-summary__label">{t.comparison.accuracy}</span>
        <span className="model-summary__percent" data-testid="accuracy">
          {model.accuracy === null ? '—' : format.percent(model.accuracy)}
        </span>
        <span className="muted" data-testid="correct-of">
          {model.accuracy === null
            ? t.comparison.noLabels
            : t.comparison.correctOf(format.number(model.correct), format.number(model.labelled))}
        </span>
      </p>
      <dl className="model-summary__figures">
        {figures.map((figure) => (
          <div key={figure.label} className="model-summary__figure">
            <dt>{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
      {model.fieldAccuracy && <FieldAccuracyTable judged={model.fieldAccuracy} />}
      {model.labelled > 0 && (
        <div className="model-summary__mistakes">
          <h4 className="model-summary__label">{t.comparison.mistakes}</h4>
          {model.confusions.length === 0 ? (
            <p className="muted">{t.comparison.noMistakes}</p>
          ) : (
            <ul className="confusions" data-testid="confusions">
              {model.confusions.map((confusion) => (
                <li key={`${confusion.label}\u0000${confusion.answer}`} className="confusions__item">
                  {confusion.label} → <span className="confusions__answer">{confusion.answer}</span>{' '}
                  <span className="confusions__count">×{format.number(confusion.count)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </article>
  );
}

import { useId } from 'react';
import { useI18n, type Formatters } from '../../../i18n';
import { layoutChart, type ChartFrame, type ChartInput, type ChartLayout } from '../lib/chart-layout';
import type { ModelSummary } from '../lib/comparison-types';
import { colourOf, splitModelId } from '../lib/model-name';

const FRAME: ChartFrame = { width: 560, height: 300, margin: { top: 18, right: 20, bottom: 50, left: 58 } };
const POINT_RADIUS = 7;

/** A model on the chart, with its place in the comparison (which gives its colour and its full name). */
type PlacedModel = ChartInput & { position: number };

/** The models that have both figures: one with no labelled answer or no answered photo has no point. */
function chartInputs(models: readonly ModelSummary[]): PlacedModel[] {
  return models.flatMap((model, position) =>
    model.accuracy !== null && model.meanProcessingTime !== null
      ? [{ id: model.batchId, label: splitModelId(model.model).name, time: model.meanProcessingTime, accuracy: model.accuracy, position }]
      : [],
  );
}

function describePoint(input: PlacedModel, format: Formatters): string {
  return `${input.label}: ${format.percent(input.accuracy)}, ${format.seconds(input.time)}`;
}

/**
 * Speed against accuracy, one labelled point per model (inline SVG: nothing to load). The best model sits top
 * left. Screen readers get a title and a description with the figures; everyone can open the same as a table.
 */
export function AccuracyChart({ models }: { models: readonly ModelSummary[] }) {
  const { t, format } = useI18n();
  const titleId = useId();
  const descriptionId = useId();
  const inputs = chartInputs(models);
  if (inputs.length === 0) return null;
  const layout = layoutChart(inputs, FRAME);

  return (
    <figure className="accuracy-chart" data-testid="accuracy-chart">
      <figcaption className="accuracy-chart__caption">{t.comparison.chartTitle}</figcaption>
      <svg
        className="accuracy-chart__svg"
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        role="img"
        aria-labelledby={`${titleId} ${descriptionId}`}
      >
        <title id={titleId}>{t.comparison.chartTitle}</title>
        <desc id={descriptionId}>{[t.comparison.chartDescription, ...inputs.map((input) => describePoint(input, format))].join(' ')}</desc>
        <ChartAxes layout={layout} />
        <ChartPoints layout={layout} inputs={inputs} models={models} />
      </svg>
      <ChartAsTable inputs={inputs} models={models} />
    </figure>
  );
}

/** The grid with its ticks, both axes and their names. */
function ChartAxes({ layout }: { layout: ChartLayout }) {
  const { t, format } = useI18n();
  const { plot } = layout;
  return (
    <>
      {layout.yTicks.map((tick) => (
        <g key={`y${tick.value}`} className="accuracy-chart__tick">
          <line x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} />
          <text x={plot.left - 8} y={tick.y + 4} textAnchor="end">
            {format.percent(tick.value)}
          </text>
        </g>
      ))}
      {layout.xTicks.map((tick) => (
        <g key={`x${tick.value}`} className="accuracy-chart__tick">
          <line x1={tick.x} x2={tick.x} y1={plot.top} y2={plot.bottom} />
          <text x={tick.x} y={plot.bottom + 18} textAnchor="middle">
            {format.seconds(tick.value)}
          </text>
        </g>
      ))}
      <line className="accuracy-chart__axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
      <line className="accuracy-chart__axis" x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} />
      <text className="accuracy-chart__axis-label" x={(plot.left + plot.right) / 2} y={FRAME.height - 8} textAnchor="middle">
        {t.comparison.xAxis}
      </text>
      <text
        className="accuracy-chart__axis-label"
        transform={`translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {t.comparison.yAxis}
      </text>
    </>
  );
}

interface ChartModelsProps {
  inputs: readonly PlacedModel[];
  models: readonly ModelSummary[];
}

/** One coloured, named point per model; its tooltip gives the figures. */
function ChartPoints({ layout, inputs, models }: ChartModelsProps & { layout: ChartLayout }) {
  const { format } = useI18n();
  return (
    <>
      {layout.points.map((point, at) => (
        <g
          key={point.id}
          className="accuracy-chart__point"
          data-colour={colourOf(inputs[at]!.position)}
          data-model-id={models[inputs[at]!.position]!.model}
        >
          <circle cx={point.x} cy={point.y} r={POINT_RADIUS}>
            <title>{describePoint(inputs[at]!, format)}</title>
          </circle>
          <text x={point.labelX} y={point.labelY} textAnchor={point.labelAnchor}>
            {point.label}
          </text>
        </g>
      ))}
    </>
  );
}

/** The chart's figures as a table, folded away, for whoever reads figures better than points. */
function ChartAsTable({ inputs, models }: ChartModelsProps) {
  const { t, format } = useI18n();
  return (
    <details className="accuracy-chart__table">
      <summary>{t.comparison.chartAsTable}</summary>
      <table className="figures-table">
        <thead>
          <tr>
            <th scope="col">{t.comparison.model}</th>
            <th scope="col">{t.comparison.xAxis}</th>
            <th scope="col">{t.comparison.yAxis}</th>
          </tr>
        </thead>
        <tbody>
          {inputs.map((input) => (
            <tr key={input.id}>
              <th scope="row">{models[input.position]!.model}</th>
              <td>{format.seconds(input.time)}</td>
              <td>{format.percent(input.accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

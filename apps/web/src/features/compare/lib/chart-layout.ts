/** One model on the speed-versus-accuracy chart. */
export interface ChartInput {
  id: string;
  label: string;
  /** Mean seconds per photo. */
  time: number;
  /** 0..1 */
  accuracy: number;
}

export interface ChartPoint extends ChartInput {
  x: number;
  y: number;
  /** Where the point's name goes: beside it, on the side with room, moved down when it would overlap another. */
  labelX: number;
  labelY: number;
  labelAnchor: 'start' | 'end';
}

export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface ChartLayout {
  points: ChartPoint[];
  xTicks: Array<{ value: number; x: number }>;
  yTicks: Array<{ value: number; y: number }>;
  plot: { left: number; right: number; top: number; bottom: number };
}

const LABEL_GAP = 9;
const LABEL_HEIGHT = 15;
const LABEL_ROOM = 130;

/** Places the points: x from 0 to a round number of seconds past the slowest model, y from 0 to 100 %. */
export function layoutChart(inputs: readonly ChartInput[], frame: ChartFrame): ChartLayout {
  const plot = {
    left: frame.margin.left,
    right: frame.width - frame.margin.right,
    top: frame.margin.top,
    bottom: frame.height - frame.margin.bottom,
  };
  const xMax = niceCeiling(Math.max(0, ...inputs.map((input) => input.time)) * 1.1);
  const xOf = (value: number) => plot.left + (value / xMax) * (plot.right - plot.left);
  const yOf = (value: number) => plot.bottom - value * (plot.bottom - plot.top);

  const placed: ChartPoint[] = [];
  for (const input of [...inputs].sort((a, b) => b.accuracy - a.accuracy || a.time - b.time)) {
    const x = xOf(input.time);
    const y = yOf(input.accuracy);
    const labelAnchor = x + LABEL_ROOM > frame.width ? 'end' : 'start';
    const labelX = labelAnchor === 'start' ? x + LABEL_GAP : x - LABEL_GAP;
    let labelY = y + 4;
    while (placed.some((other) => Math.abs(other.labelY - labelY) < LABEL_HEIGHT && Math.abs(other.labelX - labelX) < LABEL_ROOM)) {
      labelY += LABEL_HEIGHT;
    }
    placed.push({ ...input, x, y, labelX, labelY, labelAnchor });
  }

  return {
    points: inputs.map((input) => placed.find((point) => point.id === input.id)!),
    xTicks: ticks(xMax).map((value) => ({ value, x: xOf(value) })),
    yTicks: [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, y: yOf(value) })),
    plot,
  };
}

/** The smallest 1, 2, 2.5 or 5 times a power of ten that is at least `value` (1 for nothing). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * power >= value - power * 1e-9) ?? 10;
  return step * power;
}

/** Five evenly spaced ticks from 0 to `max`. */
function ticks(max: number): number[] {
  return [0, 1, 2, 3, 4].map((step) => Number(((max * step) / 4).toPrecision(6)));
}

import { describe, expect, it } from 'vitest';
import { layoutChart, niceCeiling, type ChartFrame } from './chart-layout';

const frame: ChartFrame = { width: 500, height: 300, margin: { top: 20, right: 20, bottom: 40, left: 60 } };

describe('niceCeiling', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.47, 0.52, 1, 1.3, 2.2, 3, 7, 12].map(niceCeiling)).toEqual([0.5, 1, 1, 2, 2.5, 5, 10, 20]);
    expect(niceCeiling(0)).toBe(1);
  });
});

describe('layoutChart', () => {
  it('puts faster models left and more accurate models higher, inside the plot', () => {
    const layout = layoutChart(
      [
        { id: 'qwen', label: 'qwen3-vl-4b', time: 0.47, accuracy: 1 },
        { id: 'gemma', label: 'gemma-3-4b', time: 0.3, accuracy: 5 / 7 },
      ],
      frame,
    );
    const [qwen, gemma] = layout.points;
    expect(gemma!.x).toBeLessThan(qwen!.x);
    expect(qwen!.y).toBeLessThan(gemma!.y);
    expect(qwen!.y).toBe(layout.plot.top);
    for (const point of layout.points) {
      expect(point.x).toBeGreaterThanOrEqual(layout.plot.left);
      expect(point.x).toBeLessThanOrEqual(layout.plot.right);
    }
    expect(layout.xTicks.map((tick) => tick.value)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(layout.yTicks.map((tick) => tick.value)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('moves a label down when it would cover another, and to the left near the right edge', () => {
    const layout = layoutChart(
      [
        { id: 'a', label: 'a', time: 1, accuracy: 0.8 },
        { id: 'b', label: 'b', time: 1.01, accuracy: 0.8 },
        { id: 'c', label: 'c', time: 4.5, accuracy: 0.2 },
      ],
      frame,
    );
    const [a, b, c] = layout.points;
    expect(Math.abs(a!.labelY - b!.labelY)).toBeGreaterThanOrEqual(15);
    expect(c!.labelAnchor).toBe('end');
  });
});

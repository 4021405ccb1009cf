/**
 * Pure: the figures of a model's run, as `@vision/core/accuracy-summary`, so the server's comparison, the
 * CLI's report over several uploads and the web app's badges count, average and crown the same way.
 */
import type { Confusion } from '../schemas/comparison';

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The mean of the finite numbers among `values`, to 3 decimals; `null` when there is none. */
export function meanOf(values: ReadonlyArray<number | null | undefined>): number | null {
  const numbers = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return numbers.length === 0 ? null : round(numbers.reduce((sum, value) => sum + value, 0) / numbers.length, 3);
}

/** `correct / labelled` to 4 decimals; `null` when nothing is labelled. */
export function accuracyOf(correct: number, labelled: number): number | null {
  return labelled === 0 ? null : round(correct / labelled, 4);
}

/** One judged answer: the image's label (alternatives joined with `|`), the entity named, whether it was right. */
export interface JudgedAnswer {
  label: string | null;
  entity: string | null;
  correct: boolean | null | undefined;
}

/** The wrong answers by label (its first alternative), most frequent first; at most `top` of them. */
export function countConfusions(answers: Iterable<JudgedAnswer>, top = Infinity): Confusion[] {
  const counts = new Map<string, Confusion>();
  for (const { label, entity, correct } of answers) {
    if (!label || !entity || correct !== false) continue;
    const primary = label.split('|')[0] ?? label;
    const key = `${primary}\u0000${entity}`;
    const entry = counts.get(key) ?? { label: primary, answer: entity, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label) || a.answer.localeCompare(b.answer))
    .slice(0, top);
}

const EPSILON = 1e-9;

/**
 * The entries that lead on a figure. A lead means something only against another entry: it needs two
 * entries with the figure, and goes to nobody when they all tie (several share it when some trail).
 */
export function leadersBy<T>(entries: readonly T[], figure: (entry: T) => number | null, best: 'highest' | 'lowest'): T[] {
  const measured = entries.flatMap((entry) => {
    const value = figure(entry);
    return value === null || !Number.isFinite(value) ? [] : [{ entry, value }];
  });
  if (measured.length < 2) return [];
  const values = measured.map(({ value }) => value);
  const top = best === 'highest' ? Math.max(...values) : Math.min(...values);
  const leaders = measured.filter(({ value }) => Math.abs(value - top) < EPSILON);
  return leaders.length === measured.length ? [] : leaders.map(({ entry }) => entry);
}

/** The most accurate models and the fastest (lowest mean time per image), by the rule of `leadersBy`. */
export function findLeaders<T extends { accuracy: number | null; meanProcessingTime: number | null }>(
  models: readonly T[],
): { mostAccurate: T[]; fastest: T[] } {
  return {
    mostAccurate: leadersBy(models, (model) => model.accuracy, 'highest'),
    fastest: leadersBy(models, (model) => model.meanProcessingTime, 'lowest'),
  };
}

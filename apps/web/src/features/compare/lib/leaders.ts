import type { ModelSummary } from './comparison-types';

type Figures = Pick<ModelSummary, 'batchId' | 'accuracy' | 'meanProcessingTime'>;

export interface Leaders {
  /** Batch ids of the models with the highest accuracy. */
  mostAccurate: ReadonlySet<string>;
  /** Batch ids of the models with the lowest mean time per photo. */
  fastest: ReadonlySet<string>;
}

/**
 * The models that lead on accuracy and on speed. A badge means something only against another model: it needs
 * two models with the figure, and goes to nobody when they all tie (several share it when some trail).
 */
export function findLeaders(models: readonly Figures[]): Leaders {
  return {
    mostAccurate: leadersBy(models, (model) => model.accuracy, 'highest'),
    fastest: leadersBy(models, (model) => model.meanProcessingTime, 'lowest'),
  };
}

const EPSILON = 1e-9;

function leadersBy(models: readonly Figures[], figure: (model: Figures) => number | null, best: 'highest' | 'lowest'): Set<string> {
  const measured = models.flatMap((model) => {
    const value = figure(model);
    return value === null || !Number.isFinite(value) ? [] : [{ batchId: model.batchId, value }];
  });
  if (measured.length < 2) return new Set();
  const values = measured.map((entry) => entry.value);
  const top = best === 'highest' ? Math.max(...values) : Math.min(...values);
  const leaders = measured.filter((entry) => Math.abs(entry.value - top) < EPSILON);
  return leaders.length === measured.length ? new Set() : new Set(leaders.map((entry) => entry.batchId));
}

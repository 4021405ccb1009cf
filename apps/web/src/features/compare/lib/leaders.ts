import { findLeaders as leadingModels } from '@vision/core/accuracy-summary';
import type { ModelSummary } from './comparison-types';

type Figures = Pick<ModelSummary, 'batchId' | 'accuracy' | 'meanProcessingTime'>;

export interface Leaders {
  /** Batch ids of the models with the highest accuracy. */
  mostAccurate: ReadonlySet<string>;
  /** Batch ids of the models with the lowest mean time per photo. */
  fastest: ReadonlySet<string>;
}

/**
 * The models that lead on accuracy and on speed, by core's rule (the CLI's verdict follows it too): a badge
 * needs two models with the figure, and goes to nobody when they all tie (several share it when some trail).
 */
export function findLeaders(models: readonly Figures[]): Leaders {
  const { mostAccurate, fastest } = leadingModels(models);
  return { mostAccurate: new Set(mostAccurate.map((model) => model.batchId)), fastest: new Set(fastest.map((model) => model.batchId)) };
}

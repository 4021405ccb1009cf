import type { ModelInfo } from '../lmstudio';

export const MAX_CONCURRENCY = 16;

/**
 * How many requests a batch keeps in flight: the batch's own setting, else the server's (LMSTUDIO_CONCURRENCY),
 * else the parallel slots LM Studio reports for the loaded model, else 1 (older servers queue requests anyway).
 */
export function resolveConcurrency(options: {
  requested?: number | null | undefined;
  configured?: number | null | undefined;
  model: string;
  models: ReadonlyArray<ModelInfo> | undefined;
}): number {
  const reported = options.models?.find((model) => model.id === options.model)?.parallel;
  const chosen = options.requested ?? options.configured ?? reported ?? 1;
  return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(chosen)));
}

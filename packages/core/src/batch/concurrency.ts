import type { ModelInfo } from '../schemas';
import type { LaneLimits } from '../inference/host-turns';

import { MAX_CONCURRENCY } from '../schemas/limits';

export { MAX_CONCURRENCY };

export interface ConcurrencySources {
  /** The batch's own setting (the upload's `concurrency` field). */
  requested?: number | null | undefined;
  /** The server's setting (LMSTUDIO_CONCURRENCY). */
  configured?: number | null | undefined;
  model: string;
  /** What the inference server listed; `undefined` when it could not be asked. */
  models: ReadonlyArray<ModelInfo> | undefined;
}

/**
 * The batch's concurrency: how many requests it keeps in flight, its own setting, else the server's
 * (LMSTUDIO_CONCURRENCY), else the parallel slots the inference server reports for the loaded model, else 1
 * (older servers queue requests anyway). And what the inference server serves at once as far as this process
 * knows (the same chain without the batch's own wish), which the request scheduler shares among all batches.
 */
export function chooseConcurrency(options: ConcurrencySources): LaneLimits {
  const reported = options.models?.find((model) => model.id === options.model)?.parallel;
  const serverSlots = clamp(options.configured ?? reported ?? 1);
  return { concurrency: options.requested == null ? serverSlots : clamp(options.requested), serverSlots };
}

function clamp(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(value)));
}

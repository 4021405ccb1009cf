import type { ChatRequestLogEntry } from '@vision/testkit';

export interface PromptStageUse {
  /** From the end of the upload to the first request's turn in the prompt stage. */
  beforeFirstMs: number;
  /** Time the prompt stage stood idle between the first prompt and the last. */
  idleMs: number;
  /** From the end of the last prompt to the batch-finished event reaching the client. */
  afterLastMs: number;
}

/** Where the wall time beyond the prompt stage went, from the double's request log (epoch milliseconds). */
export function promptStageUse(requests: readonly ChatRequestLogEntry[], startedAt: number, finishedAt: number): PromptStageUse {
  const turns = requests
    .filter((request) => request.promptStartedAt !== undefined && request.promptEndedAt !== undefined)
    .map((request) => [request.promptStartedAt!, request.promptEndedAt!] as const)
    .sort((a, b) => a[0] - b[0]);
  if (!turns.length) return { beforeFirstMs: Number.NaN, idleMs: Number.NaN, afterLastMs: Number.NaN };
  let idleMs = 0;
  for (let i = 1; i < turns.length; i += 1) idleMs += Math.max(0, turns[i]![0] - turns[i - 1]![1]);
  return { beforeFirstMs: turns[0]![0] - startedAt, idleMs, afterLastMs: finishedAt - turns.at(-1)![1] };
}

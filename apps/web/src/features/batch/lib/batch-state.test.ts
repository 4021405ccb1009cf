import type { TBatchView, TItemResult } from '@vision/api-contract';
import { describe, expect, it } from 'vitest';
import { batchReducer, type BatchAction, type BatchState } from './batch-state';
import { summarise } from './summarise';

const view = (statuses: Array<TBatchView['items'][number]['status']>): TBatchView => ({
  batchId: 'b1',
  model: 'qwen/qwen3-vl-4b',
  prompt: null,
  status: 'running',
  createdAt: new Date(0).toISOString(),
  finishedAt: null,
  items: statuses.map((status, index) => ({ index, filename: `photo-${index}.jpg`, size: 100, status, result: null, label: null, retryable: false })),
  stats: null,
  comparisonId: null,
});

const result = (index: number, success: boolean): TItemResult => ({
  filename: `photo-${index}.jpg`,
  index,
  entity: success ? 'cat' : null,
  raw_answer: success ? '{"entity":"cat"}' : null,
  processing_time: 2,
  success,
  error: success ? null : 'not an image (unrecognised format)',
  errorCode: success ? null : 'not-an-image',
  tokens_per_second: success ? 40 : null,
  time_to_first_token: success ? 0.1 : null,
  prompt_tokens: null,
  completion_tokens: null,
  queue_time: null,
  preparation_time: null,
  generation_time: null,
});

let nextId = 0;
const event = (data: Extract<BatchAction, { type: 'event' }>['event']): BatchAction => ({ type: 'event', id: String((nextId += 1)), event: data, receivedAt: 1_000 });
const run = (actions: BatchAction[]): BatchState => actions.reduce<BatchState | null>(batchReducer, null)!;

describe('batchReducer', () => {
  it('lands on the current state when the whole log is replayed over a newer snapshot', () => {
    const state = run([
      { type: 'snapshot', view: view(['success', 'running']) },
      event({ type: 'batch-started', batchId: 'b1', total: 2, model: 'qwen/qwen3-vl-4b', concurrency: 1, resumed: false, retry: false }),
      event({ type: 'item-started', batchId: 'b1', index: 0, filename: 'photo-0.jpg' }),
      event({ type: 'item-finished', batchId: 'b1', result: result(0, true) }),
      event({ type: 'item-started', batchId: 'b1', index: 1, filename: 'photo-1.jpg' }),
    ]);
    expect(state.items.map((item) => item.status)).toEqual(['success', 'running']);
    expect(state.items[0]?.result?.entity).toBe('cat');
    expect(state.lastEventId).toBe(String(nextId));
  });

  it('queues the failed items again when a retry starts, and keeps the successes', () => {
    const state = run([
      { type: 'snapshot', view: view(['success', 'error']) },
      event({ type: 'batch-started', batchId: 'b1', total: 2, model: 'qwen/qwen3-vl-4b', concurrency: 1, resumed: false, retry: true }),
    ]);
    expect(state.items.map((item) => item.status)).toEqual(['success', 'queued']);
    expect(state.finishedBeforeRun).toBe(1);
  });

  it('marks what never ran as cancelled when a cancelled batch finishes', () => {
    const stats = { total_images: 2, successful: 0, failed: 0, cancelled: 2, total_processing_time: 0, average_processing_time: 0, wall_time: 1, images_per_minute: 0 };
    const state = run([{ type: 'snapshot', view: view(['queued', 'running']) }, event({ type: 'batch-finished', batchId: 'b1', status: 'cancelled', stats })]);
    expect(state.status).toBe('cancelled');
    expect(state.items.map((item) => item.status)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('summarise', () => {
  it('computes live figures and an estimate from the results so far', () => {
    const state = run([
      { type: 'snapshot', view: view(['queued', 'queued', 'queued', 'queued']) },
      event({ type: 'item-finished', batchId: 'b1', result: result(0, true) }),
      event({ type: 'item-finished', batchId: 'b1', result: result(1, false) }),
    ]);
    const summary = summarise(state, state.runStartedAt + 10_000);
    expect(summary).toMatchObject({ finished: 2, successful: 1, failed: 1, cancelled: 0, elapsedS: 10, etaS: 10, tokensPerSecond: 40 });
    expect(summary.stats).toMatchObject({ successful: 1, failed: 1, total_processing_time: 4, average_processing_time: 2, images_per_minute: 12 });
  });
});

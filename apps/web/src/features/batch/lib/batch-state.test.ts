import type { TBatchView, TItemResult } from '@vision/api-contract';
import { describe, expect, it } from 'vitest';
import { batchReducer, type BatchAction, type BatchState } from './batch-state';
import { summarise } from './summarise';

type Status = TBatchView['items'][number]['status'];
/** A view whose failed and cancelled items the server says can run again, unless `kept` says otherwise. */
const view = (
  statuses: Status[],
  kept: boolean[] = statuses.map((status) => status === 'error' || status === 'cancelled'),
): TBatchView => ({
  batchId: 'b1',
  model: 'qwen/qwen3-vl-4b',
  prompt: null,
  status: 'running',
  createdAt: new Date(0).toISOString(),
  finishedAt: null,
  items: statuses.map((status, index) => ({
    index,
    filename: `photo-${index}.jpg`,
    size: 100,
    status,
    result: null,
    label: null,
    retryable: kept[index] ?? false,
  })),
  stats: null,
  comparisonId: null,
});

const result = (index: number, success: boolean, errorCode: TItemResult['errorCode'] = 'not-an-image'): TItemResult => ({
  filename: `photo-${index}.jpg`,
  index,
  entity: success ? 'cat' : null,
  raw_answer: success ? '{"entity":"cat"}' : null,
  processing_time: 2,
  success,
  error: success ? null : 'not an image (unrecognised format)',
  errorCode: success ? null : errorCode,
  tokens_per_second: success ? 40 : null,
  time_to_first_token: success ? 0.1 : null,
  prompt_tokens: null,
  completion_tokens: null,
  queue_time: null,
  preparation_time: null,
  generation_time: null,
});

let nextId = 0;
const event = (data: Extract<BatchAction, { type: 'event' }>['event']): BatchAction => ({
  type: 'event',
  id: String((nextId += 1)),
  event: data,
  receivedAt: 1_000,
});
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

  it('queues again on a retry only what can run again, leaving a refused file failed', () => {
    const state = run([
      { type: 'snapshot', view: view(['error', 'error'], [false, true]) },
      event({ type: 'batch-started', batchId: 'b1', total: 2, model: 'qwen/qwen3-vl-4b', concurrency: 1, resumed: false, retry: true }),
    ]);
    expect(state.items.map((item) => item.status)).toEqual(['error', 'queued']);
  });

  it('judges an item that finished live by its code: a model failure can run again, a refused file cannot', () => {
    const state = run([
      { type: 'snapshot', view: view(['queued', 'queued', 'queued']) },
      event({ type: 'item-finished', batchId: 'b1', result: result(0, false, 'not-an-image') }),
      event({ type: 'item-finished', batchId: 'b1', result: result(1, false, 'inference-timeout') }),
      event({ type: 'item-finished', batchId: 'b1', result: result(2, true) }),
    ]);
    expect(state.items.map((item) => item.retryable)).toEqual([false, true, false]);
  });

  it('marks what never ran as cancelled when a cancelled batch finishes', () => {
    const stats = {
      total_images: 2,
      successful: 0,
      failed: 0,
      cancelled: 2,
      total_processing_time: 0,
      average_processing_time: 0,
      wall_time: 1,
      images_per_minute: 0,
    };
    const state = run([
      { type: 'snapshot', view: view(['queued', 'running']) },
      event({ type: 'batch-finished', batchId: 'b1', status: 'cancelled', stats }),
    ]);
    expect(state.status).toBe('cancelled');
    expect(state.items.map((item) => item.status)).toEqual(['cancelled', 'cancelled']);
    expect(summarise(state, 0).retryable).toEqual({ failed: 0, cancelled: 2 });
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
    expect(summary.stats).toMatchObject({
      successful: 1,
      failed: 1,
      total_processing_time: 4,
      average_processing_time: 2,
      images_per_minute: 12,
    });
  });
});

describe('summarise retryable', () => {
  it('offers nothing to retry when the only failure was a refused file', () => {
    const state = run([{ type: 'snapshot', view: { ...view(['success', 'error'], [false, false]), status: 'completed' } }]);
    const summary = summarise(state, 0);
    expect(summary.failed).toBe(1);
    expect(summary.retryable).toEqual({ failed: 0, cancelled: 0 });
  });

  it('counts only the failures that can run again', () => {
    const state = run([{ type: 'snapshot', view: view(['error', 'error', 'cancelled', 'success'], [false, true, true, false]) }]);
    expect(summarise(state, 0).retryable).toEqual({ failed: 1, cancelled: 1 });
  });
});

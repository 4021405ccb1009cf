import type { BatchRepository, StoredBatch, StoredItem } from '../batch/repository';
import type { ItemResult } from '../batch/types';

/** The repository each case of the contract runs against, opened afresh before it. */
export interface RepositoryUnderTest {
  repository: BatchRepository;
}

export const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();

export function batch(batchId: string, overrides: Partial<StoredBatch> = {}): StoredBatch {
  return {
    batchId,
    model: 'qwen/qwen3-vl-4b',
    prompt: null,
    status: 'queued',
    createdAt: at(0),
    finishedAt: null,
    elapsedS: 0,
    stats: null,
    comparisonId: null,
    runAfter: null,
    runRecord: null,
    concurrency: null,
    ...overrides,
  };
}

export const items = (count: number): StoredItem[] =>
  Array.from({ length: count }, (_, index) => ({
    index,
    filename: `photo-${index}.jpg`,
    size: 100 + index,
    status: 'queued',
    result: null,
    label: null,
  }));

export function result(index: number): ItemResult {
  return {
    index,
    filename: `photo-${index}.jpg`,
    success: true,
    entity: 'cat',
    model_answer: 'black cat',
    raw_answer: '{"entity":"black cat"}',
    error: null,
    errorCode: null,
    processing_time: 1.25,
    tokens_per_second: 40.5,
    time_to_first_token: 0.25,
    prompt_tokens: 300,
    completion_tokens: 6,
    queue_time: 0,
    preparation_time: 0.1,
    generation_time: 0.9,
  };
}

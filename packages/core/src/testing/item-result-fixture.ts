import type { ItemResult } from '../batch/types';

/**
 * An answered image's result with every figure empty, for tests that care about its answer only; `overrides` sets
 * what the test is about (the entity, the fields, a failure).
 */
export function answeredResult(index: number, overrides: Partial<ItemResult> = {}): ItemResult {
  return {
    filename: `${index}.jpg`,
    index,
    entity: null,
    raw_answer: null,
    processing_time: 1,
    success: true,
    error: null,
    errorCode: null,
    tokens_per_second: null,
    time_to_first_token: null,
    prompt_tokens: null,
    completion_tokens: null,
    queue_time: null,
    preparation_time: null,
    generation_time: null,
    ...overrides,
  };
}

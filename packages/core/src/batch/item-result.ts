import type { ImageAnalysis } from '../lmstudio';
import type { ItemFailure } from '../schemas/error-codes';
import type { ItemResult } from './types';

export { CANCELLED, type ItemFailure } from '../schemas/error-codes';

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const round3OrNull = (value: number | null): number | null => (value === null ? null : round3(value));

/** What a result needs to know of its item. */
export interface NamedItem {
  index: number;
  filename: string;
}

/** Seconds an item waited for a request slot and spent being prepared (null: it never got that far). */
export interface Waits {
  queue: number | null;
  preparation: number | null;
}

export function toResult(item: NamedItem, analysis: ImageAnalysis, waits: Waits): ItemResult {
  const generation = analysis.timeToFirstTokenS === null ? null : Math.max(0, analysis.durationS - analysis.timeToFirstTokenS);
  const base = {
    filename: item.filename,
    index: item.index,
    raw_answer: analysis.rawAnswer,
    processing_time: round3((waits.preparation ?? 0) + analysis.durationS),
    tokens_per_second: analysis.tokensPerSecond === null ? null : Math.round(analysis.tokensPerSecond * 10) / 10,
    time_to_first_token: round3OrNull(analysis.timeToFirstTokenS),
    prompt_tokens: analysis.promptTokens,
    completion_tokens: analysis.completionTokens,
    queue_time: round3OrNull(waits.queue),
    preparation_time: round3OrNull(waits.preparation),
    generation_time: round3OrNull(generation),
    ...(analysis.host === undefined ? {} : { host: analysis.host, host_kind: analysis.hostKind ?? null }),
    ...(analysis.ok && analysis.modelAnswer !== undefined ? { model_answer: analysis.modelAnswer } : {}),
  };
  if (analysis.ok) {
    const fields = analysis.fields ? { fields: analysis.fields, field_errors: analysis.fieldErrors ?? {} } : {};
    return { ...base, entity: analysis.entity, success: true, error: null, errorCode: null, ...fields };
  }
  return { ...base, entity: null, success: false, error: analysis.error, errorCode: analysis.code };
}

export function failedResult(item: NamedItem, failure: ItemFailure, waits: Waits): ItemResult {
  return {
    filename: item.filename,
    index: item.index,
    entity: null,
    raw_answer: null,
    processing_time: round3(waits.preparation ?? 0),
    success: false,
    error: failure.message,
    errorCode: failure.code,
    tokens_per_second: null,
    time_to_first_token: null,
    prompt_tokens: null,
    completion_tokens: null,
    queue_time: round3OrNull(waits.queue),
    preparation_time: round3OrNull(waits.preparation),
    generation_time: null,
  };
}

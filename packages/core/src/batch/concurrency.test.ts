import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../lmstudio';
import { chooseConcurrency, type ConcurrencySources } from './concurrency';

const resolveConcurrency = (sources: ConcurrencySources) => chooseConcurrency(sources).concurrency;

const MODEL = 'qwen/qwen3-vl-4b';
const listed = (parallel: number | null): ModelInfo[] => [
  { id: MODEL, vision: true, loaded: true, type: 'vlm', quantization: null, maxContextLength: null, parallel },
  { id: 'other', vision: true, loaded: true, type: 'vlm', quantization: null, maxContextLength: null, parallel: 9 },
];

describe("chooseConcurrency's concurrency", () => {
  it("prefers the batch's own setting, then the server's, then LM Studio's parallel slots, then 1", () => {
    expect(resolveConcurrency({ requested: 3, configured: 2, model: MODEL, models: listed(4) })).toBe(3);
    expect(resolveConcurrency({ configured: 2, model: MODEL, models: listed(4) })).toBe(2);
    expect(resolveConcurrency({ model: MODEL, models: listed(4) })).toBe(4);
    expect(resolveConcurrency({ model: MODEL, models: listed(null) })).toBe(1);
    expect(resolveConcurrency({ model: MODEL, models: undefined })).toBe(1);
  });

  it('reads the parallel slots of the chosen model only', () => {
    expect(resolveConcurrency({ model: 'missing', models: listed(4) })).toBe(1);
  });

  it('keeps every answer within 1..16', () => {
    expect(resolveConcurrency({ requested: 64, model: MODEL, models: undefined })).toBe(16);
    expect(resolveConcurrency({ model: MODEL, models: listed(32) })).toBe(16);
    expect(resolveConcurrency({ requested: 0, model: MODEL, models: undefined })).toBe(1);
    expect(resolveConcurrency({ requested: 2.7, model: MODEL, models: undefined })).toBe(2);
  });
});

describe('chooseConcurrency', () => {
  it("reports LM Studio's slots as the server knows them, whatever the batch asked for", () => {
    expect(chooseConcurrency({ requested: 1, model: MODEL, models: listed(4) })).toEqual({ concurrency: 1, serverSlots: 4 });
    expect(chooseConcurrency({ requested: 8, configured: 2, model: MODEL, models: listed(4) })).toEqual({ concurrency: 8, serverSlots: 2 });
    expect(chooseConcurrency({ model: MODEL, models: undefined })).toEqual({ concurrency: 1, serverSlots: 1 });
  });
});

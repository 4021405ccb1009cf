import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../lmstudio';
import { checkModelChoice } from './check-model';

const model = (id: string, vision: boolean | null, type: string | null = null): ModelInfo => ({
  id,
  vision,
  loaded: true,
  type,
  quantization: null,
  maxContextLength: null,
  parallel: null,
});
const URL = 'http://localhost:1234/v1';
const models = [model('qwen/qwen3-vl-4b', true, 'vlm'), model('qwen/qwen3-4b', false, 'llm'), model('mystery', null)];

describe('checkModelChoice', () => {
  it('accepts a listed vision model', () => expect(checkModelChoice('qwen/qwen3-vl-4b', models, URL)).toEqual({ ok: true }));
  it('accepts a listed model whose vision support is unknown', () => expect(checkModelChoice('mystery', models, URL).ok).toBe(true));
  it('refuses a model the server does not list and names the vision models', () => {
    const check = checkModelChoice('gone', models, URL);
    expect(check).toEqual({
      ok: false,
      code: 'model-not-available',
      error: expect.stringMatching(/"gone" is not available in LM Studio at http:\/\/localhost:1234\/v1.*qwen\/qwen3-vl-4b/),
    });
  });
  it('refuses a text-only model', () => {
    expect(checkModelChoice('qwen/qwen3-4b', models, URL)).toEqual({
      ok: false,
      code: 'model-cannot-see-images',
      error: expect.stringMatching(/cannot see images \(LM Studio lists it as llm\)/),
    });
  });
  it('accepts any model when the list could not be fetched, so the batch is not lost', () => {
    expect(checkModelChoice('anything', undefined, URL)).toEqual({ ok: true });
  });
  it('refuses an empty model id', () => expect(checkModelChoice('  ', models, URL).ok).toBe(false));
});

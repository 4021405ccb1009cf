import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../schemas';
import { assertModelChoice } from './check-model';

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

/** The refusal `assertModelChoice` throws, or `undefined` when it takes the model. */
function refusalOf(modelId: string, listed: ModelInfo[] | undefined): unknown {
  try {
    assertModelChoice(modelId, listed, URL);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('assertModelChoice', () => {
  it('accepts a listed vision model', () => expect(refusalOf('qwen/qwen3-vl-4b', models)).toBeUndefined());
  it('accepts a listed model whose vision support is unknown', () => expect(refusalOf('mystery', models)).toBeUndefined());
  it('refuses a model the server does not list and names the vision models', () => {
    expect(refusalOf('gone', models)).toMatchObject({
      name: 'DomainError',
      code: 'model-not-available',
      message: expect.stringMatching(/"gone" is not available in LM Studio at http:\/\/localhost:1234\/v1.*qwen\/qwen3-vl-4b/),
    });
  });
  it('refuses a text-only model', () => {
    expect(refusalOf('qwen/qwen3-4b', models)).toMatchObject({
      name: 'DomainError',
      code: 'model-cannot-see-images',
      message: expect.stringMatching(/cannot see images \(LM Studio lists it as llm\)/),
    });
  });
  it('accepts any model when the list could not be fetched, so the batch is not lost', () => {
    expect(refusalOf('anything', undefined)).toBeUndefined();
  });
  it('refuses an empty model id', () => expect(refusalOf('  ', models)).toMatchObject({ name: 'DomainError', code: 'no-model' }));
  it('says the server has no vision model to offer when it lists none', () => {
    expect(refusalOf('qwen/qwen3-4b', [model('qwen/qwen3-4b', false, 'llm')])).toMatchObject({
      message: expect.stringMatching(/It lists no vision model: load one in LM Studio\.$/),
    });
  });
});

import type { TModelInfo } from '@vision/api-contract';
import { describe, expect, it } from 'vitest';
import { listsNoVisionModel, modelOptions } from './model-options';

const model = (id: string, vision: boolean | null, type = 'llm'): TModelInfo => ({
  id,
  vision,
  loaded: true,
  type,
  quantization: null,
  maxContextLength: null,
  parallel: null,
});

describe('modelOptions', () => {
  it('puts the seed models first, then other vision models, then the ones that cannot see, disabled', () => {
    const options = modelOptions([
      model('qwen/qwen3-4b', false),
      model('mistral/pixtral', true),
      model('google/gemma-3-4b', true),
      model('text-embedding-nomic', null, 'embedding'),
      model('qwen/qwen3-vl-4b', true),
    ]);
    expect(options.map((option) => [option.id, option.group, option.usable])).toEqual([
      ['qwen/qwen3-vl-4b', 'seed', true],
      ['google/gemma-3-4b', 'seed', true],
      ['mistral/pixtral', 'vision', true],
      ['qwen/qwen3-4b', 'unusable', false],
      ['text-embedding-nomic', 'unusable', false],
    ]);
  });

  it('keeps the seeds usable when no server could be asked, and disables a seed none lists', () => {
    expect(modelOptions(undefined).every((option) => option.usable)).toBe(true);
    const [qwen] = modelOptions([model('google/gemma-3-4b', true)]);
    expect(qwen).toMatchObject({ id: 'qwen/qwen3-vl-4b', usable: false, note: 'not-listed' });
  });

  it('tells when nothing listed can see images', () => {
    expect(listsNoVisionModel([model('qwen/qwen3-4b', false), model('nomic', null, 'embedding')])).toBe(true);
    expect(listsNoVisionModel([model('older-server-model', null)])).toBe(false);
  });
});

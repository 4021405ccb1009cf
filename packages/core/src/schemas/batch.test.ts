import { describe, expect, it } from 'vitest';
import { ZItemResult } from './batch.ts';

const stored = {
  filename: 'shark.jpg',
  index: 0,
  entity: 'shark',
  raw_answer: '{"entity": "white shark"}',
  processing_time: 1.2,
  success: true,
  error: null,
  tokens_per_second: 40,
  time_to_first_token: 0.3,
  prompt_tokens: 300,
  completion_tokens: 6,
  queue_time: 0,
  preparation_time: 0.1,
  generation_time: 0.2,
};

describe('ZItemResult', () => {
  it("keeps the model's phrase beside the entity", () => {
    expect(ZItemResult.parse({ ...stored, entity: 'white shark', model_answer: 'white sharks' })).toMatchObject({
      entity: 'white shark',
      model_answer: 'white sharks',
    });
  });

  it('still reads a result stored before the phrase was kept, without one', () => {
    const read = ZItemResult.parse(stored);
    expect(read.entity).toBe('shark');
    expect(read).not.toHaveProperty('model_answer');
  });
});

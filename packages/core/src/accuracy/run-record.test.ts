import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT, ENTITY_RESPONSE_FORMAT, type JsonSchemaResponseFormat } from '../answer/index.ts';
import { canonicalJson, createRunRecord, promptHash } from './run-record.ts';

const reordered: JsonSchemaResponseFormat = JSON.parse(
  canonicalJson(ENTITY_RESPONSE_FORMAT)
    .replace('"name":"main_entity","schema"', '"schema"')
    .replace('"strict":true}', '"strict":true,"name":"main_entity"}'),
);

describe('createRunRecord', () => {
  it('keeps how the run was made, with a prompt hash and the wall time', () => {
    const record = createRunRecord({
      model: 'qwen2.5-vl-7b-instruct',
      modelInfo: { quantization: 'Q4_K_M', maxContextLength: 32768, arch: 'qwen2vl' },
      prompt: DEFAULT_PROMPT,
      responseFormat: ENTITY_RESPONSE_FORMAT,
      serverVersion: '0.3.30',
      timings: { startedAt: '2025-01-01T10:00:00Z', finishedAt: new Date('2025-01-01T10:01:30.250Z') },
    });
    expect(record).toEqual({
      model: 'qwen2.5-vl-7b-instruct',
      modelInfo: { quantization: 'Q4_K_M', maxContextLength: 32768, arch: 'qwen2vl' },
      prompt: DEFAULT_PROMPT,
      responseFormat: ENTITY_RESPONSE_FORMAT,
      promptHash: promptHash(DEFAULT_PROMPT, ENTITY_RESPONSE_FORMAT),
      serverVersion: '0.3.30',
      timings: { startedAt: '2025-01-01T10:00:00.000Z', finishedAt: '2025-01-01T10:01:30.250Z', wallTimeSeconds: 90.25 },
    });
    expect(record.promptHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('leaves unknown details null and refuses a start time that is not a date', () => {
    const record = createRunRecord({ model: 'm', prompt: 'p', responseFormat: null, timings: { startedAt: new Date(0) } });
    expect([record.modelInfo, record.serverVersion, record.timings]).toEqual([
      null,
      null,
      { startedAt: '1970-01-01T00:00:00.000Z', finishedAt: null, wallTimeSeconds: null },
    ]);
    expect(() => createRunRecord({ model: 'm', prompt: 'p', responseFormat: null, timings: { startedAt: 'soon' } })).toThrow(
      'not a date: soon',
    );
  });
});

describe('promptHash', () => {
  it('is stable across calls and across the key order of the schema', () => {
    expect(promptHash(DEFAULT_PROMPT, ENTITY_RESPONSE_FORMAT)).toBe(promptHash(DEFAULT_PROMPT, ENTITY_RESPONSE_FORMAT));
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(ENTITY_RESPONSE_FORMAT));
    expect(promptHash(DEFAULT_PROMPT, reordered)).toBe(promptHash(DEFAULT_PROMPT, ENTITY_RESPONSE_FORMAT));
  });

  it('changes when the prompt, its whitespace or the schema changes', () => {
    const base = promptHash(DEFAULT_PROMPT, ENTITY_RESPONSE_FORMAT);
    const longer = { ...ENTITY_RESPONSE_FORMAT, json_schema: { ...ENTITY_RESPONSE_FORMAT.json_schema, strict: false } };
    expect(promptHash(`${DEFAULT_PROMPT} Be brief.`, ENTITY_RESPONSE_FORMAT)).not.toBe(base);
    expect(promptHash(`${DEFAULT_PROMPT} `, ENTITY_RESPONSE_FORMAT)).not.toBe(base);
    expect(promptHash(DEFAULT_PROMPT, longer)).not.toBe(base);
    expect(promptHash(DEFAULT_PROMPT, null)).not.toBe(base);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined members and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: undefined, w: null }], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[3,{"w":null,"y":1}]},"b":1}',
    );
  });
});

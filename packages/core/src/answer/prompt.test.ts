import { describe, expect, test } from 'vitest';
import { DEFAULT_PROMPT, ENTITY_JSON_INSTRUCTION, ENTITY_MAX_LENGTH, ENTITY_RESPONSE_FORMAT, buildUserPrompt } from './prompt.ts';
import type { JsonSchemaResponseFormat } from './prompt.ts';
import { parseEntityAnswer } from './parse-entity-answer.ts';

describe('DEFAULT_PROMPT', () => {
  test('asks for the single main entity as a short noun phrase in {"entity": ...} JSON', () => {
    expect(DEFAULT_PROMPT).toMatch(/main entity/i);
    expect(DEFAULT_PROMPT).toMatch(/short noun phrase/i);
    expect(DEFAULT_PROMPT).toContain('{"entity": "..."}');
  });

  test('stays short enough for a 4B model to follow', () => {
    expect(DEFAULT_PROMPT.split(/\s+/).length).toBeLessThanOrEqual(30);
  });

  test('names no example entity a small model could copy', () => {
    expect(DEFAULT_PROMPT).not.toMatch(/\b(?:cat|dog|car|person)\b/i);
  });
});

describe('ENTITY_RESPONSE_FORMAT', () => {
  test('is an LM Studio json_schema response format named main_entity, strict', () => {
    expect(ENTITY_RESPONSE_FORMAT.type).toBe('json_schema');
    expect(ENTITY_RESPONSE_FORMAT.json_schema.name).toBe('main_entity');
    expect(ENTITY_RESPONSE_FORMAT.json_schema.strict).toBe(true);
  });

  test('requires exactly one string property, entity, with a description and a length cap', () => {
    const { schema } = ENTITY_RESPONSE_FORMAT.json_schema;
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['entity']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(['entity']);
    expect(schema.properties.entity.type).toBe('string');
    expect(schema.properties.entity.description.length).toBeGreaterThan(10);
    expect(schema.properties.entity.maxLength).toBe(ENTITY_MAX_LENGTH);
  });

  test('survives a JSON round trip unchanged, as it goes over HTTP', () => {
    expect(JSON.parse(JSON.stringify(ENTITY_RESPONSE_FORMAT))).toEqual(ENTITY_RESPONSE_FORMAT);
  });

  test('fits the structural response_format type the openai client accepts', () => {
    const format: JsonSchemaResponseFormat = ENTITY_RESPONSE_FORMAT;
    expect(format.json_schema.schema).toBeDefined();
  });

  test('a reply that follows the schema parses to its entity', () => {
    expect(parseEntityAnswer(JSON.stringify({ entity: 'fire truck' }))).toEqual({ ok: true, entity: 'fire truck', phrase: 'fire truck' });
  });
});

describe('buildUserPrompt', () => {
  test('returns the default prompt without a custom prompt', () => {
    expect(buildUserPrompt()).toBe(DEFAULT_PROMPT);
  });

  test('returns the default prompt for a blank custom prompt', () => {
    expect(buildUserPrompt('   \n')).toBe(DEFAULT_PROMPT);
  });

  test('keeps a custom prompt and appends the JSON instruction on its own paragraph', () => {
    const prompt = buildUserPrompt('  Which animal is in this photo?  ');
    expect(prompt).toBe(`Which animal is in this photo?\n\n${ENTITY_JSON_INSTRUCTION}`);
  });

  test('the appended instruction asks for the entity key', () => {
    expect(ENTITY_JSON_INSTRUCTION).toContain('{"entity": "..."}');
  });

  test('adds nothing when the custom prompt already asks for the entity key itself', () => {
    const custom = 'Name the vehicle. Answer as {"entity": "<vehicle type>"}';
    expect(buildUserPrompt(custom)).toBe(custom);
  });
});

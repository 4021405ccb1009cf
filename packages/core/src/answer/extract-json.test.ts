import { describe, expect, test } from 'vitest';
import { extractJsonEntity, parseLenientJson, pickEntity } from './extract-json.ts';

describe('parseLenientJson', () => {
  test.each([
    ['strict JSON', '{"entity": "cat"}', { entity: 'cat' }],
    ['single quotes', "{'entity': 'cat'}", { entity: 'cat' }],
    ['a single-quoted value holding a double quote', `{'entity': 'a "cat"'}`, { entity: 'a "cat"' }],
    ['bare keys', '{entity: "cat"}', { entity: 'cat' }],
    ['a bare word value', '{"entity": black cat}', { entity: 'black cat' }],
    ['a trailing comma', '{"entity": "cat",}', { entity: 'cat' }],
    ['Python literals', "{'entity': 'cat', 'sure': True, 'other': None}", { entity: 'cat', sure: true, other: null }],
    ['double-encoded JSON', '"{\\"entity\\": \\"cat\\"}"', { entity: 'cat' }],
    ['a bare key with non-ASCII letters', '{объект: "кошка"}', { объект: 'кошка' }],
  ])('reads %s', (_name, candidate, expected) => {
    expect(parseLenientJson(candidate)).toEqual(expected);
  });

  test('leaves commas and colons inside strings alone while repairing', () => {
    expect(parseLenientJson("{'entity': 'cat, sofa: pillow',}")).toEqual({ entity: 'cat, sofa: pillow' });
  });

  test('returns undefined for text that is not JSON', () => {
    expect(parseLenientJson('[citation needed')).toBeUndefined();
    expect(parseLenientJson('{the cat sat}')).toBeUndefined();
  });
});

describe('pickEntity', () => {
  test('prefers the entity key over other keys, whatever their order', () => {
    expect(pickEntity({ description: 'a sofa', entity: 'cat' }, 0)).toBe('cat');
  });

  test('prefers label over name', () => {
    expect(pickEntity({ name: 'Felix', label: 'cat' }, 0)).toBe('cat');
  });

  test('reads a key that merely contains "entity"', () => {
    expect(pickEntity({ detected_entity_text: 'cat' }, 0)).toBe('cat');
  });

  test('skips empty strings in an array', () => {
    expect(pickEntity({ entities: ['', 'dog'] }, 0)).toBe('dog');
  });

  test('returns an explicit empty entity so the caller can report it', () => {
    expect(pickEntity({ entity: '' }, 0)).toBe('');
  });

  test('returns null when no field holds a string', () => {
    expect(pickEntity({ confidence: 0.9, count: 2 }, 0)).toBeNull();
  });

  test('stops descending after a few levels', () => {
    expect(pickEntity({ a: { b: { c: { d: { e: { f: { g: 'cat' } } } } } } }, 0)).toBeNull();
  });
});

describe('extractJsonEntity', () => {
  test('finds JSON after prose', () => {
    expect(extractJsonEntity('The answer: {"entity": "cat"}')).toEqual({ kind: 'entity', entity: 'cat' });
  });

  test('finds JSON nested in braces of prose', () => {
    expect(extractJsonEntity('{ here you go: {"entity": "cat"} }')).toEqual({ kind: 'entity', entity: 'cat' });
  });

  test('skips a bracketed aside before the JSON', () => {
    expect(extractJsonEntity('[1] {"entity": "owl"}')).toEqual({ kind: 'entity', entity: 'owl' });
  });

  test('reports JSON that has no usable field', () => {
    expect(extractJsonEntity('{"confidence": 0.4}')).toEqual({ kind: 'no-field' });
  });

  test('reports none for prose', () => {
    expect(extractJsonEntity('A cat on a sofa.')).toEqual({ kind: 'none' });
  });

  test('closes an object whose last string was complete', () => {
    expect(extractJsonEntity('```json\n{"entity": "cat"')).toEqual({ kind: 'entity', entity: 'cat' });
    expect(extractJsonEntity('{\n"entity": "dog",\n"confidence": 0.9')).toEqual({ kind: 'entity', entity: 'dog' });
  });

  test('reports a string cut off mid-way as truncated rather than guessing', () => {
    expect(extractJsonEntity('{"entity": "ca')).toEqual({ kind: 'truncated' });
    expect(extractJsonEntity('Here is the JSON: {"entity": "hot air ball')).toEqual({ kind: 'truncated' });
  });

  test('does not treat an apostrophe in prose braces as a cut-off string', () => {
    expect(extractJsonEntity("It's a cat {I'm fairly sure")).toEqual({ kind: 'none' });
  });

  // A backtracking scanner would not finish here; the test's own timeout catches that.
  test('finds no JSON in an answer that is nothing but unclosed brackets', () => {
    expect(extractJsonEntity('[{'.repeat(20_000)).kind).not.toBe('entity');
  });
});

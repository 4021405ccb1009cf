import { describe, expect, test } from 'vitest';
import type { FieldSpec } from './field-types.ts';
import { wordNetMatcher } from '../accuracy/match-to-list.ts';
import { readFieldsAnswer } from './read-fields.ts';

const fields: FieldSpec[] = [
  { name: 'kind', type: 'label', values: ['cat', 'dog', 'bird', 'other'] },
  { name: 'caption', type: 'text' },
  { name: 'people', type: 'number' },
  { name: 'tags', type: 'tags' },
  { name: 'text_visible', type: 'yesno' },
];
const match = wordNetMatcher();

describe('readFieldsAnswer', () => {
  test('reads every field of a well-formed answer', async () => {
    const raw = JSON.stringify({ kind: 'cat', caption: 'A cat on a sofa.', people: 0, tags: ['cat', 'Sofa'], text_visible: false });
    expect(await readFieldsAnswer(raw, fields, match)).toEqual({
      ok: true,
      fields: { kind: 'cat', caption: 'A cat on a sofa.', people: 0, tags: ['cat', 'sofa'], text_visible: false },
      errors: {},
    });
  });

  test('matches a value outside the closed list by meaning when WordNet says it is one of them', async () => {
    const answer = await readFieldsAnswer(
      '{"kind": "tabby", "caption": "x", "people": 1, "tags": [], "text_visible": true}',
      fields,
      match,
    );
    expect(answer.ok && answer.fields.kind).toBe('cat');
  });

  test('marks a value outside the list that means none of it as that field only', async () => {
    const answer = await readFieldsAnswer(
      '{"kind": "bicycle", "caption": "A red bicycle.", "people": 0, "tags": "bike, red", "text_visible": "no"}',
      fields,
      match,
    );
    expect(answer).toEqual({
      ok: true,
      fields: { kind: null, caption: 'A red bicycle.', people: 0, tags: ['bike', 'red'], text_visible: false },
      errors: { kind: '"bicycle" is not one of cat, dog, bird, other' },
    });
  });

  test('keeps the rest when a field is missing or unreadable', async () => {
    const answer = await readFieldsAnswer('```json\n{"Kind": "Dogs", "people": "several", "tags": ["dog"]}\n```', fields, match);
    expect(answer).toEqual({
      ok: true,
      fields: { kind: 'dog', caption: null, people: null, tags: ['dog'], text_visible: null },
      errors: { caption: 'missing from the answer', people: 'expected a number, got "several"', text_visible: 'missing from the answer' },
    });
  });

  test('reads a number written as a word and an answer in single-quoted JSON after reasoning', async () => {
    const answer = await readFieldsAnswer("<think>two people</think>{'people': 'two'}", [{ name: 'people', type: 'number' }], match);
    expect(answer).toEqual({ ok: true, fields: { people: 2 }, errors: {} });
  });

  test("reads the entity field with the care of today's entity question", async () => {
    const answer = await readFieldsAnswer('{"entity": "A small black cat sitting on a sofa"}', [{ name: 'entity', type: 'text' }], match);
    expect(answer).toEqual({ ok: true, fields: { entity: 'cat' }, errors: {} });
  });

  test('fails the answer as a whole when it holds no JSON object', async () => {
    expect(await readFieldsAnswer('A cat on a sofa.', fields, match)).toEqual({
      ok: false,
      reason: 'the answer holds no JSON object with the fields',
    });
  });

  test('fails the answer as a whole when no field could be read, naming each', async () => {
    const answer = await readFieldsAnswer('{"confidence": 0.3}', [{ name: 'people', type: 'number' }], match);
    expect(answer).toEqual({ ok: false, reason: 'no field could be read (people: missing from the answer)' });
  });
});

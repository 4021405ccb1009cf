import { describe, expect, test } from 'vitest';
import { parseFieldList, readFieldList } from './read-field-list.ts';
import { buildFieldsRequest } from './field-prompt.ts';

const fourFields = [
  { name: 'kind', type: 'label', values: ['cat', 'dog', 'bird', 'other'] },
  { name: 'caption', type: 'text' },
  { name: 'people', type: 'number' },
  { name: 'tags', type: 'tags' },
];

describe('readFieldList', () => {
  test('reads a valid list, trimming and de-duplicating values', () => {
    const reading = readFieldList([
      { name: 'kind', type: 'label', values: [' cat', 'dog', 'cat', ''] },
      { name: 'text_on_sign', type: 'yesno' },
    ]);
    expect(reading).toEqual({
      ok: true,
      fields: [
        { name: 'kind', type: 'label', values: ['cat', 'dog'] },
        { name: 'text_on_sign', type: 'yesno' },
      ],
    });
  });

  test.each([
    ['an unknown type', [{ name: 'kind', type: 'colour' }], /Field "kind" has an unknown type "colour"/],
    ['a label field without values', [{ name: 'kind', type: 'label' }], /Field "kind" is a label field without values/],
    [
      'a labels field with only blank values',
      [{ name: 'topics', type: 'labels', values: [' '] }],
      /Field "topics" is a labels field without values/,
    ],
    [
      'a repeated name',
      [
        { name: 'caption', type: 'text' },
        { name: 'caption', type: 'tags' },
      ],
      /Field "caption" is named twice/,
    ],
    ['a name that is not an identifier', [{ name: 'two words', type: 'text' }], /Field 1's name "two words" is not an identifier/],
    ['a field without a type', [{ name: 'caption' }], /Field "caption" is not \{name, type/],
    ['more than 12 fields', Array.from({ length: 13 }, (_, index) => ({ name: `f${index}`, type: 'text' })), /At most 12 fields/],
    ['an empty list', [], /empty/],
    ['an object instead of a list', { name: 'caption', type: 'text' }, /JSON array/],
  ])('refuses %s, naming the field', (_name, input, message) => {
    const reading = readFieldList(input);
    expect(reading.ok).toBe(false);
    expect(reading.ok ? '' : reading.error).toMatch(message);
  });

  test('refuses text that is not JSON, saying so', () => {
    const reading = parseFieldList('[{name: kind}');
    expect(reading.ok ? '' : reading.error).toMatch(/not valid JSON/);
  });
});

describe('buildFieldsRequest', () => {
  const fields = readFieldList(fourFields);
  if (!fields.ok) throw new Error(fields.error);
  const request = buildFieldsRequest(fields.fields);

  test('names the schema and requires every field, closed lists as enums and counts as integers', () => {
    const { json_schema } = request.responseFormat;
    expect(json_schema.name).toBe('image_fields');
    expect(json_schema.schema).toMatchObject({
      type: 'object',
      required: ['kind', 'caption', 'people', 'tags'],
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['cat', 'dog', 'bird', 'other'] },
        caption: { type: 'string' },
        people: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
  });

  test('asks for every field by name in one prompt, with the closed list spelled out', () => {
    expect(request.prompt).toContain('"kind": exactly one of: cat, dog, bird, other');
    expect(request.prompt).toContain('"people"');
    expect(request.prompt).toContain('{"kind":"...","caption":"...","people":"...","tags":"..."}');
  });

  test('a labels field is a list of enum members', () => {
    const labels = readFieldList([{ name: 'topics', type: 'labels', values: ['sea', 'sky'] }]);
    const schema = labels.ok ? buildFieldsRequest(labels.fields).responseFormat.json_schema.schema : {};
    expect(schema).toMatchObject({ properties: { topics: { type: 'array', items: { enum: ['sea', 'sky'] } } } });
  });
});

import type { JsonSchemaResponseFormat } from '../answer/prompt.ts';
import type { FieldSpec } from './field-types.ts';

/** What a batch with fields sends in place of today's entity question: one prompt, one schema. */
export interface FieldsRequest {
  prompt: string;
  responseFormat: JsonSchemaResponseFormat;
}

const MAX_TEXT_LENGTH = 300;
const MAX_TAGS = 12;

/** How each type is asked, in words a small model follows; a field's own description comes first. */
const ASKED: Readonly<Record<FieldSpec['type'], (field: FieldSpec) => string>> = {
  text: () => 'a short text',
  label: (field) => `exactly one of: ${(field.values ?? []).join(', ')}`,
  labels: (field) => `a list of those that apply, chosen from: ${(field.values ?? []).join(', ')}`,
  number: () => 'a whole number (0 when there are none)',
  yesno: () => 'true or false',
  tags: () => `a list of up to ${MAX_TAGS} short lowercase tags`,
};

/** Plain questions for fields the user left without a description, by their usual names. */
const USUAL_QUESTIONS: Readonly<Record<string, string>> = {
  entity: 'the single main entity in the image, as a short noun phrase (one to three words)',
  caption: 'one sentence describing the image',
  tags: 'words for what the image shows',
};

function question(field: FieldSpec): string {
  const what = field.description ?? USUAL_QUESTIONS[field.name];
  return `- "${field.name}": ${what ? `${what}; ` : ''}${ASKED[field.type](field)}`;
}

export function buildFieldsPrompt(fields: readonly FieldSpec[]): string {
  const template = Object.fromEntries(fields.map((field) => [field.name, '...']));
  return [
    'Look at this image and answer each field:',
    ...fields.map(question),
    `Answer as JSON only, with exactly these keys: ${JSON.stringify(template)}`,
  ].join('\n');
}

function propertySchema(field: FieldSpec): Record<string, unknown> {
  const described = field.description ? { description: field.description } : {};
  switch (field.type) {
    case 'text':
      return { type: 'string', maxLength: MAX_TEXT_LENGTH, ...described };
    case 'label':
      return { type: 'string', enum: field.values ?? [], ...described };
    case 'labels':
      return { type: 'array', items: { type: 'string', enum: field.values ?? [] }, ...described };
    case 'number':
      // A count: grammar-constrained engines then cannot answer "several" or 2.5.
      return { type: 'integer', minimum: 0, ...described };
    case 'yesno':
      return { type: 'boolean', ...described };
    case 'tags':
      return { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: MAX_TAGS, ...described };
  }
}

export function fieldsResponseFormat(fields: readonly FieldSpec[]): JsonSchemaResponseFormat {
  return {
    type: 'json_schema',
    json_schema: {
      name: 'image_fields',
      strict: true,
      schema: {
        type: 'object',
        properties: Object.fromEntries(fields.map((field) => [field.name, propertySchema(field)])),
        required: fields.map((field) => field.name),
        additionalProperties: false,
      },
    },
  };
}

export function buildFieldsRequest(fields: readonly FieldSpec[]): FieldsRequest {
  return { prompt: buildFieldsPrompt(fields), responseFormat: fieldsResponseFormat(fields) };
}

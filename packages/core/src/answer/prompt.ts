/**
 * What we ask the model, and the structured-output format that asks LM Studio to hold it to the answer's shape.
 * Small (4B) vision models follow short, concrete instructions best, so the prompt is two sentences.
 */

/** The longest entity the schema allows; the parser caps prose answers to the same size. */
export const ENTITY_MAX_LENGTH = 40;

// No example entity: small models copy examples ("dog") into answers about other images.
export const DEFAULT_PROMPT =
  'What is the single main entity in this image? ' +
  'Answer with a short noun phrase (one to three words), as JSON only: {"entity": "..."}';

/**
 * Appended to a user's own prompt so the reply still carries `entity` and parsing keeps working;
 * the user's words decide what is asked, this line only fixes the answer's shape.
 */
export const ENTITY_JSON_INSTRUCTION = 'Give the answer as a short noun phrase, as JSON only: {"entity": "..."}';

/**
 * The `response_format` shape of OpenAI-compatible chat completions, written out structurally so core needs no
 * import from `openai`: a value of this type is assignable to `ResponseFormatJSONSchema` in the `openai` package.
 */
export interface JsonSchemaResponseFormat {
  type: 'json_schema';
  json_schema: {
    name: string;
    description?: string;
    strict?: boolean | null;
    /** An index signature, as in `openai`'s type, so any JSON Schema object fits. */
    schema?: { [key: string]: unknown };
  };
}

export const ENTITY_RESPONSE_FORMAT = {
  type: 'json_schema',
  json_schema: {
    name: 'main_entity',
    strict: true,
    schema: {
      type: 'object',
      properties: {
        entity: {
          type: 'string',
          description: 'The single main entity of the image as a short noun phrase, e.g. "cat" or "fire truck".',
          // Grammar-constrained engines stop the string here, so a rambling model cannot fill max_tokens.
          maxLength: ENTITY_MAX_LENGTH,
        },
      },
      required: ['entity'],
      additionalProperties: false,
    },
  },
} as const satisfies JsonSchemaResponseFormat;

/**
 * The text part of the user message. Without a custom prompt (or with a blank one) it is `DEFAULT_PROMPT`.
 * A custom prompt is kept verbatim and followed by `ENTITY_JSON_INSTRUCTION`, unless it already names the
 * `"entity"` key itself, in which case the user has taken care of the shape and nothing is added.
 */
export function buildUserPrompt(customPrompt?: string): string {
  const prompt = customPrompt?.trim() ?? '';
  if (prompt === '') return DEFAULT_PROMPT;
  if (/["']entity["']/i.test(prompt)) return prompt;
  return `${prompt}\n\n${ENTITY_JSON_INSTRUCTION}`;
}

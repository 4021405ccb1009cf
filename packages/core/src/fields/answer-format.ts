import type { JsonSchemaResponseFormat } from '../answer/prompt.ts';
import type { FieldSpec } from './field-types.ts';
import { buildFieldsRequest } from './field-prompt.ts';
import { readFieldsAnswer, type FieldsAnswer } from './read-fields.ts';
import type { MatchToList } from './read-field-value.ts';

/** What a request asks in place of the entity question, and how its answer is read. */
export interface AnswerFormat {
  prompt: string;
  responseFormat: JsonSchemaResponseFormat;
  read(raw: string): Promise<FieldsAnswer>;
}

/**
 * The answer format of a batch with fields. A user's own prompt, when the batch has one, comes first as context;
 * the fields' questions and shape follow it.
 */
export function fieldsAnswerFormat(fields: readonly FieldSpec[], options: { prompt?: string | null; match: MatchToList }): AnswerFormat {
  const request = buildFieldsRequest(fields);
  const { match } = options;
  const context = options.prompt?.trim();
  return {
    prompt: context ? `${context}\n\n${request.prompt}` : request.prompt,
    responseFormat: request.responseFormat,
    read: (raw) => readFieldsAnswer(raw, fields, match),
  };
}

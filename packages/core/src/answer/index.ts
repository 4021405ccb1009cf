export { DEFAULT_PROMPT, ENTITY_JSON_INSTRUCTION, ENTITY_MAX_LENGTH, ENTITY_RESPONSE_FORMAT, buildUserPrompt } from './prompt.ts';
export type { JsonSchemaResponseFormat } from './prompt.ts';
export { ANSWER_FAILURES, parseEntityAnswer } from './parse-entity-answer.ts';
export type { ParsedAnswer } from './parse-entity-answer.ts';
export { ENTITY_MAX_WORDS, entityPhrase, namedPhrase, normaliseEntity } from './normalise-entity.ts';
export { singularise } from './singularise.ts';

export * from './pure.ts';
export { ZFieldAccuracy, ZFieldErrors, ZFieldFigures, ZFieldSpec, ZFieldValue, ZFieldValues } from './field-list.ts';
export { readFieldsAnswer, type FieldsAnswer } from './read-fields.ts';
export { readFieldValue, type FieldReading, type MatchToList } from './read-field-value.ts';
export { fieldsAnswerFormat, type AnswerFormat } from './answer-format.ts';

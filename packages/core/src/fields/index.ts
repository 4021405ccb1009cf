export {
  FIELD_TYPES,
  MAX_FIELDS,
  ZFieldErrors,
  ZFieldFigures,
  type FieldFigure,
  type FieldFigures,
  ZFieldSpec,
  ZFieldValue,
  ZFieldValues,
  parseFieldList,
  readFieldList,
  type FieldErrors,
  type FieldListReading,
  type FieldSpec,
  type FieldType,
  type FieldValue,
  type FieldValues,
} from './field-list.ts';
export { buildFieldsPrompt, buildFieldsRequest, fieldsResponseFormat, type FieldsRequest } from './field-prompt.ts';
export { readFieldsAnswer, type FieldsAnswer } from './read-fields.ts';
export { readFieldValue, type FieldReading, type MatchToList } from './read-field-value.ts';
export { wordNetMatcher } from './match-to-list.ts';
export { FIELD_PRESET_NAMES, isFieldPresetName, presetFields, type FieldPresetName } from './presets.ts';
export { fieldsAnswerFormat, type AnswerFormat } from './answer-format.ts';
export { computeFieldFigures, fieldValueText } from './field-stats.ts';

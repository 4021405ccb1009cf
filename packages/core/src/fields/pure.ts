/**
 * Pure and zod-free: the field list, its checks, the prompt and schema it sends, presets and figures, as
 * `@vision/core/fields` for the web app's field editor and the CLI (see pure-entries.test.ts).
 */
export * from './field-types.ts';
export * from './read-field-list.ts';
export { buildFieldsPrompt, buildFieldsRequest, fieldsResponseFormat, type FieldsRequest } from './field-prompt.ts';
export { FIELD_PRESET_NAMES, isFieldPresetName, presetFields, type FieldPresetName } from './presets.ts';
export { computeFieldFigures, fieldValueText } from './field-stats.ts';
export {
  fieldAccuracy,
  judgedField,
  mergeFieldAccuracy,
  NO_ANSWER,
  truthFieldChoices,
  truthFieldProblem,
  yesNoClass,
} from './field-accuracy.ts';

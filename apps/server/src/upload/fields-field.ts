import { parseFieldList, truthFieldProblem, type FieldSpec } from '@vision/core/fields';
import { UploadRejection } from './upload-storage';

/**
 * The optional multipart field `fields`: a JSON array of the questions asked of every image. Empty means
 * today's main entity question; a list with a mistake is refused before the batch exists, naming the field.
 */
export function readFieldsField(value: string | undefined): FieldSpec[] | undefined {
  if (value === undefined) return undefined;
  const reading = parseFieldList(value);
  if (!reading.ok) throw new UploadRejection('invalid-fields', `"fields": ${reading.error}`);
  return reading.fields;
}

/** The optional field `truthField`: it must name a field the ground truth can judge (label, labels, yesno, text). */
export function readTruthField(fields: readonly FieldSpec[] | undefined, truthField: string | undefined): void {
  const problem = truthFieldProblem(fields, truthField);
  if (problem) throw new UploadRejection('invalid-fields', problem);
}

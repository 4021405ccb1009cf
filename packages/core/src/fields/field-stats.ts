/**
 * Pure: what a batch's answers add up to per field, for its stats, exports and the web app's bar charts.
 */
import type { FieldFigure, FieldFigures, FieldSpec, FieldValue, FieldValues } from './field-types.ts';

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** The text a closed value is counted under: yes/no for a yes/no field, the member for a label. */
export function fieldValueText(value: FieldValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join('; ');
  return value === null ? '' : String(value);
}

function counts(field: FieldSpec, answers: ReadonlyArray<FieldValues>): FieldFigure {
  const tally: Record<string, number> = Object.fromEntries(
    (field.type === 'yesno' ? ['yes', 'no'] : (field.values ?? [])).map((value) => [value, 0]),
  );
  for (const answer of answers) {
    const value = answer[field.name];
    if (value === null || value === undefined) continue;
    for (const member of Array.isArray(value) ? value : [fieldValueText(value)]) tally[member] = (tally[member] ?? 0) + 1;
  }
  return { type: 'counts', counts: tally };
}

function numbers(field: FieldSpec, answers: ReadonlyArray<FieldValues>): FieldFigure {
  const given = answers.map((answer) => answer[field.name]).filter((value): value is number => typeof value === 'number');
  const sum = given.reduce((total, value) => total + value, 0);
  return { type: 'number', sum: round3(sum), mean: given.length ? round3(sum / given.length) : null, answered: given.length };
}

/** Figures for the fields that add up (label, labels, yesno, number), from the answers the images got. */
export function computeFieldFigures(fields: readonly FieldSpec[], answers: ReadonlyArray<FieldValues | undefined>): FieldFigures {
  const given = answers.filter((answer): answer is FieldValues => answer !== undefined);
  const figures: FieldFigures = {};
  for (const field of fields) {
    if (field.type === 'number') figures[field.name] = numbers(field, given);
    else if (field.type !== 'text' && field.type !== 'tags') figures[field.name] = counts(field, given);
  }
  return figures;
}

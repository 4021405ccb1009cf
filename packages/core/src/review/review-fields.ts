import { defaultReviewField } from '../fields/field-accuracy.ts';
import { fieldValueText } from '../fields/field-stats.ts';
import type { FieldSpec, FieldType, FieldValue } from '../fields/field-types.ts';
import { DomainError } from '../errors';
import type { Consensus } from '../schemas/review';

/** The field a queue reviews: a field's spec, or the entity (`null`) for a batch without fields. */
export type ReviewedField = Pick<FieldSpec, 'name' | 'type' | 'values'> | null;

export { defaultReviewField };

/**
 * The field a request names, or the default when it names none (`undefined` or `null`: "the answer" of the
 * subject). A name the subject does not ask is refused, naming the fields it does ask.
 */
export function resolveReviewField(
  fields: readonly FieldSpec[] | undefined,
  name: string | null | undefined,
  truthField?: string | null,
): ReviewedField {
  if (name === undefined || name === null) return defaultReviewField(fields, truthField);
  const field = fields?.find((candidate) => candidate.name === name);
  if (field) return field;
  const asked = fields?.length ? `it asks ${fields.map((candidate) => candidate.name).join(', ')}` : 'it asks no fields';
  throw new DomainError('review-unknown-field', `There is no field "${name}" to review: ${asked}.`);
}

/** A field's answer as the text a person confirms: lists joined by "; ", yes/no as yes or no; null when unread. */
export function fieldAnswerText(value: FieldValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = fieldValueText(value).trim();
  return text === '' ? null : text;
}

/** Text is compared by meaning (as the entity is); every other type has values that are the same or not. */
export const comparedByMeaning = (type: FieldType): boolean => type === 'text';

/**
 * The consensus of a closed field (a label, labels, yes/no, a number, tags): the value most models gave exactly,
 * the earlier model breaking a tie; null when no model answered.
 */
export function exactConsensus(answers: ReadonlyArray<string | null>): Consensus | null {
  const tally = new Map<string, number>();
  for (const answer of answers) if (answer !== null) tally.set(answer, (tally.get(answer) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const entry of tally) if (!best || entry[1] > best[1]) best = entry;
  if (!best) return null;
  const of = answers.length;
  return { entity: best[0], models: best[1], of, agreed: best[1] === of && of > 1 };
}

/**
 * A typed or picked label for a field: a closed list's member whatever its case ("Cat" for the list's "cat"),
 * else the text in lower case as the entity's labels are kept.
 */
export function confirmedText(field: ReviewedField, typed: string): string {
  const text = typed.trim();
  const member = field?.values?.find((value) => value.toLowerCase() === text.toLowerCase());
  return member ?? text.toLowerCase();
}

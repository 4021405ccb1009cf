import { fieldValueText } from './field-stats.ts';
import type { FieldAccuracy, FieldSpec, FieldValue } from './field-types.ts';

/** What an image without a readable value for the field is counted as in the confusion table. */
export const NO_ANSWER = '(none)';

/** The order a comparison's ground truth looks for its field in when none is chosen: a closed list first. */
const TRUTH_FIELD_TYPES = ['label', 'labels', 'yesno', 'text'] as const;

/**
 * The field a comparison's ground truth (labels CSV, folder names, typed labels) is for: the one `truthField`
 * names, else the first `label` field, else the first `labels`, `yesno`, then `text` field; none for fields that
 * cannot be judged (numbers, tags).
 */
export function judgedField(fields: readonly FieldSpec[] | null | undefined, truthField?: string | null): FieldSpec | undefined {
  if (truthField) return fields?.find((field) => field.name === truthField);
  for (const type of TRUTH_FIELD_TYPES) {
    const found = fields?.find((field) => field.type === type);
    if (found) return found;
  }
  return undefined;
}

/**
 * The field a person reviews first, and whose confirmed labels are a comparison's ground truth: the one the ground
 * truth judges (`judgedField`), else the first field; null (the entity) when the batch asks no fields.
 */
export function defaultReviewField(fields: readonly FieldSpec[] | null | undefined, truthField?: string | null): FieldSpec | null {
  return judgedField(fields, truthField) ?? fields?.[0] ?? null;
}

/** The fields a comparison's ground truth can judge, in the list's order: what a `truthField` may name. */
export function truthFieldChoices(fields: readonly FieldSpec[] | null | undefined): FieldSpec[] {
  return (fields ?? []).filter((field) => (TRUTH_FIELD_TYPES as readonly string[]).includes(field.type));
}

/** Why `truthField` cannot be the ground truth's field of these fields, or null when it can (or none is chosen). */
export function truthFieldProblem(fields: readonly FieldSpec[] | null | undefined, truthField: string | null | undefined): string | null {
  if (!truthField) return null;
  if (!fields?.length) return `"truthField" names the field "${truthField}", but no fields are asked.`;
  const field = fields.find((candidate) => candidate.name === truthField);
  if (!field)
    return `"truthField" names the field "${truthField}", which is not one of the fields (${fields.map((f) => f.name).join(', ')}).`;
  if (!(TRUTH_FIELD_TYPES as readonly string[]).includes(field.type)) {
    return `"truthField" names the field "${truthField}" of type ${field.type}: ground truth judges a label, labels, yesno or text field.`;
  }
  return null;
}

const YES = new Set(['yes', 'true', 'y', '1']);
const NO = new Set(['no', 'false', 'n', '0']);

/** A yes/no ground truth as the field's class, or undefined when it says neither. */
export function yesNoClass(label: string): string | undefined {
  const text = label.trim().toLowerCase();
  return YES.has(text) ? 'yes' : NO.has(text) ? 'no' : undefined;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/**
 * A model's answers to a judged field against the ground truth (by image index, already as the field's classes):
 * accuracy, precision and recall per class, and which class was taken for which. A `labels` answer is right when
 * its set holds the truth; a wrong one is counted as its first member.
 */
export function fieldAccuracy(
  field: FieldSpec,
  truths: ReadonlyMap<number, string>,
  answers: ReadonlyMap<number, FieldValue | undefined>,
): FieldAccuracy {
  const pairs = [...truths].flatMap(([index, truth]) =>
    answers.has(index) ? [{ truth, answer: answerClass(answers.get(index), truth) }] : [],
  );
  const counts = new Map<string, number>();
  for (const { truth, answer } of pairs) counts.set(`${truth}\u0000${answer}`, (counts.get(`${truth}\u0000${answer}`) ?? 0) + 1);
  const confusion = [...counts].map(([key, count]) => {
    const [truth = '', answer = ''] = key.split('\u0000');
    return { truth, answer, count };
  });
  return accuracyOfConfusion(field.name, field.type === 'yesno' ? ['yes', 'no'] : (field.values ?? []), confusion);
}

/** The figures of a confusion table: the field's classes first, then any the truth or the answers added. */
function accuracyOfConfusion(field: string, base: readonly string[], confusion: FieldAccuracy['confusion']): FieldAccuracy {
  const total = (keep: (cell: FieldAccuracy['confusion'][number]) => boolean) =>
    confusion.filter(keep).reduce((sum, cell) => sum + cell.count, 0);
  const classes = [
    ...new Set([
      ...base,
      ...confusion.map((cell) => cell.truth),
      ...confusion.map((cell) => cell.answer).filter((answer) => answer !== NO_ANSWER),
    ]),
  ];
  const labelled = total(() => true);
  const correct = total((cell) => cell.truth === cell.answer);
  const perClass = classes.map((name) => {
    const right = total((cell) => cell.truth === name && cell.answer === name);
    const support = total((cell) => cell.truth === name);
    return {
      class: name,
      support,
      precision: ratio(
        right,
        total((cell) => cell.answer === name),
      ),
      recall: ratio(right, support),
    };
  });
  return { field, classes, labelled, correct, accuracy: ratio(correct, labelled), perClass, confusion };
}

/**
 * One field's figures over several comparisons of the same models (the CLI's split uploads): their confusion
 * tables summed and the figures taken again, so a class's precision is over every image, not a mean of means.
 */
export function mergeFieldAccuracy(parts: readonly FieldAccuracy[]): FieldAccuracy | undefined {
  const first = parts[0];
  if (!first) return undefined;
  const counts = new Map<string, { truth: string; answer: string; count: number }>();
  for (const cell of parts.flatMap((part) => part.confusion)) {
    const key = `${cell.truth}\u0000${cell.answer}`;
    const known = counts.get(key);
    counts.set(key, { ...cell, count: (known?.count ?? 0) + cell.count });
  }
  return accuracyOfConfusion(first.field, [...new Set(parts.flatMap((part) => part.classes))], [...counts.values()]);
}

function answerClass(value: FieldValue | undefined, truth: string): string {
  if (value === null || value === undefined) return NO_ANSWER;
  if (Array.isArray(value)) return value.includes(truth) ? truth : (value[0] ?? NO_ANSWER);
  return fieldValueText(value) || NO_ANSWER;
}

import { fieldValueText } from './field-stats.ts';
import type { FieldAccuracy, FieldSpec, FieldValue } from './field-types.ts';

/** What an image without a readable value for the field is counted as in the confusion table. */
export const NO_ANSWER = '(none)';

/** The field a comparison's ground truth judges: its first `label` field, else its first `yesno` field. */
export function judgedField(fields: readonly FieldSpec[] | undefined): FieldSpec | undefined {
  return fields?.find((field) => field.type === 'label') ?? fields?.find((field) => field.type === 'yesno');
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
 * accuracy, precision and recall per class, and which class was taken for which.
 */
export function fieldAccuracy(
  field: FieldSpec,
  truths: ReadonlyMap<number, string>,
  answers: ReadonlyMap<number, FieldValue | undefined>,
): FieldAccuracy {
  const pairs = [...truths].flatMap(([index, truth]) => (answers.has(index) ? [{ truth, answer: answerClass(answers.get(index)) }] : []));
  const base = field.type === 'yesno' ? ['yes', 'no'] : (field.values ?? []);
  const classes = [
    ...new Set([...base, ...pairs.map((pair) => pair.truth), ...pairs.map((pair) => pair.answer).filter((answer) => answer !== NO_ANSWER)]),
  ];
  const counts = new Map<string, number>();
  for (const { truth, answer } of pairs) counts.set(`${truth}\u0000${answer}`, (counts.get(`${truth}\u0000${answer}`) ?? 0) + 1);
  const correct = pairs.filter((pair) => pair.truth === pair.answer).length;
  const perClass = classes.map((name) => {
    const right = pairs.filter((pair) => pair.truth === name && pair.answer === name).length;
    const support = pairs.filter((pair) => pair.truth === name).length;
    return {
      class: name,
      support,
      precision: ratio(right, pairs.filter((pair) => pair.answer === name).length),
      recall: ratio(right, support),
    };
  });
  const confusion = [...counts].map(([key, count]) => {
    const [truth = '', answer = ''] = key.split('\u0000');
    return { truth, answer, count };
  });
  return { field: field.name, classes, labelled: pairs.length, correct, accuracy: ratio(correct, pairs.length), perClass, confusion };
}

function answerClass(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return NO_ANSWER;
  return fieldValueText(value) || NO_ANSWER;
}

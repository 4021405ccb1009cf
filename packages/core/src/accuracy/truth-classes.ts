import { yesNoClass } from '../fields/field-accuracy.ts';
import type { FieldSpec } from '../fields/field-types.ts';
import type { MatchToList } from '../fields/read-field-value.ts';
import { splitLabels } from './label-alternatives.ts';

const plain = (text: string) => text.trim().toLowerCase();

/** A label's class among a closed list: a member it names, one WordNet puts it under, else `other`, else itself. */
async function classOf(label: string, values: readonly string[], match: MatchToList): Promise<string> {
  const alternatives = splitLabels(label);
  const named = values.find((value) => alternatives.some((alternative) => plain(alternative) === plain(value)));
  if (named) return named;
  for (const alternative of alternatives) {
    const matched = await match(alternative, values);
    if (matched !== null) return matched;
  }
  return values.includes('other') ? 'other' : (alternatives[0] ?? label);
}

/**
 * The ground truth of a comparison (labels by image index) as the judged field's classes: "dog|puppy" is `dog`,
 * "tabby" is `cat` (WordNet), "airplane" is `other` for cat, dog, bird, other; a yes/no field reads yes/no/true/false.
 */
export async function truthClasses(
  field: FieldSpec,
  labels: ReadonlyMap<number, string>,
  match: MatchToList,
): Promise<Map<number, string>> {
  const classes = new Map<number, string>();
  for (const [index, label] of labels) {
    const truth = field.type === 'yesno' ? yesNoClass(splitLabels(label)[0] ?? '') : await classOf(label, field.values ?? [], match);
    if (truth !== undefined) classes.set(index, truth);
  }
  return classes;
}

import { DEFAULT_FIELD_CHOICE, type FieldChoice } from './field-choice';

/**
 * The questions last chosen in this tab: the model picker opens with them again, so "Same photos, another
 * model" (which comes back to it with the photos) asks the same fields.
 */
let last: FieldChoice = DEFAULT_FIELD_CHOICE;

export const lastFieldChoice = (): FieldChoice => last;

export function rememberFieldChoice(choice: FieldChoice): void {
  last = choice;
}

import type { FieldSpec } from '@vision/core/fields';
import { choiceOfFields, DEFAULT_FIELD_CHOICE, type FieldChoice } from './field-choice';

/**
 * The questions last chosen in this tab: the model picker opens with them again (after a batch, with the
 * fields stored with it: `rememberBatchFields`).
 */
let last: FieldChoice = DEFAULT_FIELD_CHOICE;

export const lastFieldChoice = (): FieldChoice => last;

export function rememberFieldChoice(choice: FieldChoice): void {
  last = choice;
}

/**
 * The fields stored with a batch (as `batches.get` reads them back), made the tab's choice: what runs next asks
 * what that batch asked, not whatever the picker last held. A batch without fields asks the main entity.
 */
export function rememberBatchFields(fields: readonly FieldSpec[] | null | undefined): void {
  last = choiceOfFields(fields);
}

import { presetFields, readFieldList, type FieldSpec, type FieldType } from '@vision/core/fields';

/** A field as the editor holds it: values as typed, one string. */
export interface DraftField {
  name: string;
  type: FieldType;
  values: string;
  description: string;
}

export type FieldPresetChoice = 'entity' | 'caption' | 'tags' | 'count' | 'classify' | 'custom';

/** What the user chose to ask: a preset, the labels to classify into, or their own fields. */
export interface FieldChoice {
  preset: FieldPresetChoice;
  labels: string;
  custom: DraftField[];
}

export const DEFAULT_FIELD_CHOICE: FieldChoice = {
  preset: 'entity',
  labels: 'cat, dog, bird, other',
  custom: [{ name: 'caption', type: 'text', values: '', description: '' }],
};

const splitValues = (text: string): string[] =>
  text
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);

/**
 * The fields a choice sends, checked as the server checks them: `null` for the main entity (today's question,
 * sent without fields, so its answers stay as they always were), or the reason the fields cannot be sent.
 */
export function fieldsOfChoice(choice: FieldChoice): { ok: true; fields: FieldSpec[] | null } | { ok: false; error: string } {
  if (choice.preset === 'entity') return { ok: true, fields: null };
  if (choice.preset !== 'custom') return { ok: true, fields: presetFields(choice.preset, splitValues(choice.labels)) };
  const drafts = choice.custom.map((draft) => ({
    name: draft.name.trim(),
    type: draft.type,
    ...(draft.type === 'label' || draft.type === 'labels' ? { values: splitValues(draft.values) } : {}),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
  }));
  const reading = readFieldList(drafts);
  return reading.ok ? { ok: true, fields: reading.fields } : { ok: false, error: reading.error };
}

/** The editor's state for fields a batch asked, so "Same photos, another model" asks them again. */
export function choiceOfFields(fields: readonly FieldSpec[] | null | undefined): FieldChoice {
  if (!fields || fields.length === 0) return DEFAULT_FIELD_CHOICE;
  return {
    preset: 'custom',
    labels: DEFAULT_FIELD_CHOICE.labels,
    custom: fields.map((field) => ({
      name: field.name,
      type: field.type,
      values: (field.values ?? []).join(', '),
      description: field.description ?? '',
    })),
  };
}

import type { FieldSpec } from './field-types.ts';

/** The questions most people start from; "my own" is the field editor. */
export const FIELD_PRESET_NAMES = ['entity', 'caption', 'tags', 'count', 'classify'] as const;
export type FieldPresetName = (typeof FIELD_PRESET_NAMES)[number];

/** A preset's fields; `classify` chooses from the labels given (cat, dog, bird, other when none are). */
export function presetFields(preset: FieldPresetName, labels: readonly string[] = []): FieldSpec[] {
  switch (preset) {
    case 'entity':
      return [{ name: 'entity', type: 'text' }];
    case 'caption':
      return [{ name: 'caption', type: 'text', description: 'one sentence describing the image, for a training caption' }];
    case 'tags':
      return [{ name: 'tags', type: 'tags' }];
    case 'count':
      return [{ name: 'count', type: 'number', description: 'how many of the main kind of thing are in the image' }];
    case 'classify':
      return [{ name: 'kind', type: 'label', values: labels.length > 0 ? [...labels] : ['cat', 'dog', 'bird', 'other'] }];
  }
}

export const isFieldPresetName = (name: string): name is FieldPresetName => (FIELD_PRESET_NAMES as readonly string[]).includes(name);

/**
 * The questions a batch asks of every image, each answered as one field of a JSON object. Plain types, no zod:
 * the web app and the CLI load them through `@vision/core/fields`.
 */
export const FIELD_TYPES = ['text', 'label', 'labels', 'number', 'yesno', 'tags'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const MAX_FIELDS = 12;
export const MAX_FIELD_VALUES = 50;
export const MAX_FIELD_DESCRIPTION = 300;

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** The closed list of a `label` or `labels` field, trimmed, without repeats. */
  values?: string[] | undefined;
  description?: string | undefined;
}

/** A field's value in a result: a string, a list of strings, a number or a yes/no; null when it could not be read. */
export type FieldValue = string | string[] | number | boolean | null;
/** Name → value for every field of the batch. */
export type FieldValues = Record<string, FieldValue>;
/** Name → why, for the fields that could not be read. */
export type FieldErrors = Record<string, string>;

/** A closed field (label, labels, yes/no): how many images got each value; a number field: its sum and mean. */
export type FieldFigure =
  { type: 'counts'; counts: Record<string, number> } | { type: 'number'; sum: number; mean: number | null; answered: number };
export type FieldFigures = Record<string, FieldFigure>;

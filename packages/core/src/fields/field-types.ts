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

/** How one class of a judged field fared: of the images the model put in it, how many were; of those that are, how many it found. */
export interface ClassFigures {
  class: string;
  /** Images whose ground truth is this class. */
  support: number;
  /** Right / answered this class; null when the model never answered it. */
  precision: number | null;
  /** Right / truly this class; null when no image is. */
  recall: number | null;
}

/** A label (or yes/no) field judged against the ground truth, for one model. */
export interface FieldAccuracy {
  field: string;
  /** The classes, in the field's order (yes, no for a yes/no field), then any the truth or answers added. */
  classes: string[];
  /** Images with a ground truth and a result; a failed image or an unread field counts, as wrong. */
  labelled: number;
  correct: number;
  accuracy: number | null;
  perClass: ClassFigures[];
  /** Which class was taken for which: ground truth, answer (`(none)` when unread), how many images. */
  confusion: Array<{ truth: string; answer: string; count: number }>;
}

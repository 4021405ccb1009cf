import { z } from 'zod';

/**
 * The questions a batch asks of every image, each answered as one field of a JSON object. Pure (zod only): the
 * web app, the CLI and the server read the same list the same way.
 */
export const FIELD_TYPES = ['text', 'label', 'labels', 'number', 'yesno', 'tags'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const MAX_FIELDS = 12;
export const MAX_FIELD_VALUES = 50;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

export const ZField = z.object({
  name: z.string(),
  type: z.string(),
  values: z.array(z.string()).optional(),
  description: z.string().max(300).optional(),
});

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** The closed list of a `label` or `labels` field, trimmed, without repeats. */
  values?: string[] | undefined;
  description?: string | undefined;
}

/** A field's value in a result: a string, a list of strings, a number or a yes/no; null when it could not be read. */
export const ZFieldValue = z.union([z.string(), z.array(z.string()), z.number(), z.boolean()]).nullable();
export type FieldValue = z.infer<typeof ZFieldValue>;

/** Name → value for every field of the batch, and name → why for the fields that could not be read. */
export const ZFieldValues = z.record(z.string(), ZFieldValue);
export type FieldValues = z.infer<typeof ZFieldValues>;
export const ZFieldErrors = z.record(z.string(), z.string());
export type FieldErrors = z.infer<typeof ZFieldErrors>;

/** A closed field (label, labels, yes/no): how many images got each value; a number field: its sum and mean. */
export const ZFieldFigure = z.discriminatedUnion('type', [
  z.object({ type: z.literal('counts'), counts: z.record(z.string(), z.number()) }),
  z.object({ type: z.literal('number'), sum: z.number(), mean: z.number().nullable(), answered: z.number() }),
]);
export type FieldFigure = z.infer<typeof ZFieldFigure>;
export const ZFieldFigures = z.record(z.string(), ZFieldFigure);
export type FieldFigures = z.infer<typeof ZFieldFigures>;

export const ZFieldSpec = z.object({
  name: z.string(),
  type: z.enum(FIELD_TYPES),
  values: z.array(z.string()).optional(),
  description: z.string().optional(),
});

export type FieldListReading = { ok: true; fields: FieldSpec[] } | { ok: false; error: string };

/**
 * Reads a field list as sent (parsed JSON): every mistake is refused with a sentence naming the field, so the
 * person who wrote the list can find it.
 */
export function readFieldList(input: unknown): FieldListReading {
  if (!Array.isArray(input)) return { ok: false, error: 'The fields must be a JSON array of {name, type, values?, description?}.' };
  if (input.length === 0) return { ok: false, error: 'The fields list is empty: give at least one field, or leave it out.' };
  if (input.length > MAX_FIELDS) return { ok: false, error: `At most ${MAX_FIELDS} fields can be asked at once, got ${input.length}.` };
  const fields: FieldSpec[] = [];
  for (const [position, entry] of input.entries()) {
    const read = readField(entry, position);
    if (typeof read === 'string') return { ok: false, error: read };
    if (fields.some((field) => field.name === read.name)) return { ok: false, error: `Field "${read.name}" is named twice.` };
    fields.push(read);
  }
  return { ok: true, fields };
}

/** Parses the text of a `fields` form value or file, then reads it. */
export function parseFieldList(text: string): FieldListReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The fields are not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return readFieldList(parsed);
}

function readField(entry: unknown, position: number): FieldSpec | string {
  const shape = ZField.safeParse(entry);
  const label = `Field ${position + 1}`;
  if (!shape.success) {
    const issue = shape.error.issues[0];
    return `${label} is not {name, type, values?, description?}: ${issue ? `${issue.path.join('.') || 'it'} ${issue.message}` : 'wrong shape'}.`;
  }
  const { name, type, description } = shape.data;
  if (!NAME.test(name)) {
    return `${label}'s name "${name.slice(0, 40)}" is not an identifier (letters, digits and _, not starting with a digit, at most 40).`;
  }
  if (!(FIELD_TYPES as readonly string[]).includes(type)) {
    return `Field "${name}" has an unknown type "${type.slice(0, 20)}": use one of ${FIELD_TYPES.join(', ')}.`;
  }
  const values = [...new Set((shape.data.values ?? []).map((value) => value.trim()).filter(Boolean))];
  const closed = type === 'label' || type === 'labels';
  if (closed && values.length === 0)
    return `Field "${name}" is a ${type} field without values: list the ${type === 'label' ? 'classes' : 'labels'} it chooses from.`;
  if (values.length > MAX_FIELD_VALUES) return `Field "${name}" has ${values.length} values; at most ${MAX_FIELD_VALUES}.`;
  return {
    name,
    type: type as FieldType,
    ...(closed ? { values } : {}),
    ...(description?.trim() ? { description: description.trim() } : {}),
  };
}

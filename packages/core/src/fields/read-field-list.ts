import { FIELD_TYPES, MAX_FIELD_DESCRIPTION, MAX_FIELD_VALUES, MAX_FIELDS, type FieldSpec, type FieldType } from './field-types.ts';

export type FieldListReading = { ok: true; fields: FieldSpec[] } | { ok: false; error: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a field list as sent (parsed JSON): every mistake is refused with a sentence naming the field, so the
 * person who wrote the list can find it. No zod: the web app's field editor checks with the same function.
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

/** The shape's mistake, in words, or null when `entry` is {name, type, values?, description?}. */
function shapeProblem(entry: unknown): string | null {
  if (!isObject(entry)) return 'it is not an object';
  if (typeof entry.name !== 'string') return 'name is not a string';
  if (typeof entry.type !== 'string') return 'type is not a string';
  const { values, description } = entry;
  if (values !== undefined && !(Array.isArray(values) && values.every((value) => typeof value === 'string')))
    return 'values is not a list of strings';
  if (description !== undefined && typeof description !== 'string') return 'description is not a string';
  if (typeof description === 'string' && description.length > MAX_FIELD_DESCRIPTION)
    return `description is longer than ${MAX_FIELD_DESCRIPTION} characters`;
  return null;
}

function readField(entry: unknown, position: number): FieldSpec | string {
  const problem = shapeProblem(entry);
  const named =
    isObject(entry) && typeof entry.name === 'string' && NAME.test(entry.name) ? `Field "${entry.name}"` : `Field ${position + 1}`;
  if (problem !== null || !isObject(entry)) return `${named} is not {name, type, values?, description?}: ${problem}.`;
  const name = entry.name as string;
  const type = entry.type as string;
  if (!NAME.test(name)) {
    return `Field ${position + 1}'s name "${name.slice(0, 40)}" is not an identifier (letters, digits and _, not starting with a digit, at most 40).`;
  }
  if (!(FIELD_TYPES as readonly string[]).includes(type)) {
    return `Field "${name}" has an unknown type "${type.slice(0, 20)}": use one of ${FIELD_TYPES.join(', ')}.`;
  }
  const values = [...new Set(((entry.values as string[] | undefined) ?? []).map((value) => value.trim()).filter(Boolean))];
  const closed = type === 'label' || type === 'labels';
  if (closed && values.length === 0) {
    return `Field "${name}" is a ${type} field without values: list the ${type === 'label' ? 'classes' : 'labels'} it chooses from.`;
  }
  if (values.length > MAX_FIELD_VALUES) return `Field "${name}" has ${values.length} values; at most ${MAX_FIELD_VALUES}.`;
  const description = typeof entry.description === 'string' ? entry.description.trim() : '';
  return { name, type: type as FieldType, ...(closed ? { values } : {}), ...(description ? { description } : {}) };
}

import { jsonCandidates, parseLenientJson } from '../answer/extract-json.ts';
import { stripReasoning } from '../answer/strip-reasoning.ts';
import type { FieldErrors, FieldSpec, FieldValues } from './field-types.ts';
import { readFieldValue, type MatchToList } from './read-field-value.ts';

export type FieldsAnswer = { ok: true; fields: FieldValues; errors: FieldErrors } | { ok: false; reason: string };

const keyOf = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The first JSON object in the answer (fenced, after prose, repaired), reasoning set aside. */
function answerObject(raw: string): Record<string, unknown> | null {
  const { text, unfinishedThought } = stripReasoning(raw);
  for (const candidate of jsonCandidates(text || (unfinishedThought ?? ''))) {
    const value = parseLenientJson(candidate);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  }
  return null;
}

/** The model's value for a field: its own key, else the same key in another case or spelling ("People", "people_count"). */
function valueFor(answer: Record<string, unknown>, field: FieldSpec): unknown {
  if (field.name in answer) return answer[field.name];
  const wanted = keyOf(field.name);
  const entry = Object.entries(answer).find(([key]) => keyOf(key) === wanted);
  return entry?.[1];
}

/**
 * Reads every field out of a model's answer. A field that is missing or cannot be read is that field's error
 * only; the others are kept. The answer fails as a whole only when no JSON object is in it or no field was read.
 */
export async function readFieldsAnswer(raw: string, fields: readonly FieldSpec[], match: MatchToList): Promise<FieldsAnswer> {
  if (raw.trim() === '') return { ok: false, reason: 'the model returned an empty answer' };
  const answer = answerObject(raw);
  if (answer === null) return { ok: false, reason: 'the answer holds no JSON object with the fields' };
  const values: FieldValues = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    const given = valueFor(answer, field);
    const reading =
      given === undefined || given === null
        ? { ok: false as const, error: 'missing from the answer' }
        : await readFieldValue(given, field, match);
    values[field.name] = reading.ok ? reading.value : (reading.value ?? null);
    if (!reading.ok) errors[field.name] = reading.error;
  }
  if (Object.keys(errors).length === fields.length) {
    return { ok: false, reason: `no field could be read (${fields.map((field) => `${field.name}: ${errors[field.name]}`).join('; ')})` };
  }
  return { ok: true, fields: values, errors };
}

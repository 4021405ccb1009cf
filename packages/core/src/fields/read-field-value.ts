import { singularise } from '../answer/singularise.ts';
import { parseEntityAnswer } from '../answer/parse-entity-answer.ts';
import type { FieldSpec, FieldValue } from './field-types.ts';

/** Finds the member of a closed list that an answer outside it means ("tabby" → "cat"), or null. */
export type MatchToList = (answer: string, values: readonly string[]) => Promise<string | null>;

export type FieldReading = { ok: true; value: FieldValue } | { ok: false; value?: FieldValue; error: string };

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const YES = new Set(['yes', 'y', 'true', 'yes.', 'true.', '1']);
const NO = new Set(['no', 'n', 'false', 'no.', 'false.', '0', 'none']);

const quoted = (value: unknown): string => JSON.stringify(value)?.slice(0, 60) ?? String(value);

/** A string list, from a JSON list or from one string the model joined with commas. */
function asStrings(value: unknown): string[] | null {
  if (Array.isArray(value))
    return value.every((entry) => typeof entry === 'string') ? value.map((entry) => entry.trim()).filter(Boolean) : null;
  if (typeof value === 'string')
    return value
      .split(/[,;\n]/)
      .map((entry) => entry.trim())
      .filter(Boolean);
  return null;
}

/** A list member by its text: the same once case, spaces and plural are set aside. */
function sameMember(answer: string, values: readonly string[]): string | undefined {
  const plain = (text: string) =>
    singularise(
      text
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, ' ')
        .replace(/[.!]+$/, ''),
    );
  const wanted = plain(answer);
  return values.find((value) => plain(value) === wanted);
}

async function readMember(answer: string, field: FieldSpec, match: MatchToList): Promise<FieldReading> {
  const values = field.values ?? [];
  const member = sameMember(answer, values) ?? (await match(answer, values));
  if (member !== null) return { ok: true, value: member };
  return { ok: false, error: `"${answer.slice(0, 40)}" is not one of ${values.join(', ')}` };
}

async function readLabel(value: unknown, field: FieldSpec, match: MatchToList): Promise<FieldReading> {
  const only = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof only !== 'string' || only.trim() === '')
    return { ok: false, error: `expected one of ${(field.values ?? []).join(', ')}, got ${quoted(value)}` };
  return readMember(only, field, match);
}

async function readLabels(value: unknown, field: FieldSpec, match: MatchToList): Promise<FieldReading> {
  const answers = asStrings(value);
  if (answers === null) return { ok: false, error: `expected a list of labels, got ${quoted(value)}` };
  const readings = await Promise.all(answers.map((answer) => readMember(answer, field, match)));
  const members = [...new Set(readings.flatMap((reading) => (reading.ok && typeof reading.value === 'string' ? [reading.value] : [])))];
  const outside = readings.flatMap((reading) => (reading.ok ? [] : [reading.error]));
  return outside.length === 0 ? { ok: true, value: members } : { ok: false, value: members, error: outside.join('; ') };
}

function readNumber(value: unknown): FieldReading {
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    const word = NUMBER_WORDS.indexOf(text.replace(/[.!]$/, ''));
    if (word !== -1) return { ok: true, value: word };
    if (/^-?\d+(?:\.\d+)?$/.test(text)) return { ok: true, value: Number(text) };
    if (NO.has(text)) return { ok: true, value: 0 };
  }
  return { ok: false, error: `expected a number, got ${quoted(value)}` };
}

function readYesNo(value: unknown): FieldReading {
  if (typeof value === 'boolean') return { ok: true, value };
  const text = String(value).trim().toLowerCase();
  if (YES.has(text)) return { ok: true, value: true };
  if (NO.has(text)) return { ok: true, value: false };
  return { ok: false, error: `expected yes or no, got ${quoted(value)}` };
}

function readTags(value: unknown): FieldReading {
  const tags = asStrings(value);
  if (tags === null) return { ok: false, error: `expected a list of tags, got ${quoted(value)}` };
  return { ok: true, value: [...new Set(tags.map((tag) => tag.toLowerCase()))] };
}

function readText(value: unknown, field: FieldSpec): FieldReading {
  if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, error: `expected a text, got ${quoted(value)}` };
  const text = String(value).trim();
  if (text === '') return { ok: false, error: 'the answer is empty' };
  // The entity field is today's question, read with today's care ("A black cat." is "cat").
  if (field.name !== 'entity') return { ok: true, value: text };
  const entity = parseEntityAnswer(JSON.stringify({ entity: text }));
  return entity.ok ? { ok: true, value: entity.entity } : { ok: false, error: entity.reason };
}

/** One field's value as the model gave it, read with the forgiveness of today's entity reading. */
export async function readFieldValue(value: unknown, field: FieldSpec, match: MatchToList): Promise<FieldReading> {
  switch (field.type) {
    case 'text':
      return readText(value, field);
    case 'label':
      return readLabel(value, field, match);
    case 'labels':
      return readLabels(value, field, match);
    case 'number':
      return readNumber(value);
    case 'yesno':
      return readYesNo(value);
    case 'tags':
      return readTags(value);
  }
}

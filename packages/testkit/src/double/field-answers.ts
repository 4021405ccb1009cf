import { corpusManifest } from '../corpus';

/**
 * What a model holding to a fields schema answers for a photo it recognised as `label`: each property filled
 * from that label, as a grammar-constrained server (LM Studio, Ollama, llama.cpp, vLLM) keeps enums and types.
 */
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface FieldAnswerOptions {
  /** The model ignores the schema's closed lists and names the photo in its own word ("puppy" for dog). */
  outsideList: boolean;
}

/** Names a one-property schema gives the entity question (the app's `entity`, and what other clients call it). */
const ENTITY_KEYS = new Set(['entity', 'main_entity', 'subject', 'object', 'label', 'name', 'answer', 'class', 'category']);

/**
 * Whether a schema asks for fields rather than the entity question: several properties, or one that is not a
 * free string named like the entity (a `caption`, a closed list, a count).
 */
export function isFieldsSchema(schema: unknown): schema is Json & { properties: Json } {
  if (!isObject(schema) || !isObject(schema.properties)) return false;
  const entries = Object.entries(schema.properties);
  if (entries.length !== 1) return entries.length > 1;
  const [name, only] = entries[0]!;
  return !(isObject(only) && only.type === 'string' && only.enum === undefined && ENTITY_KEYS.has(name));
}

/** The manifest's other words for a label ("puppy" for dog), first of all the label's own. */
function wordsFor(label: string): string[] {
  const entry = corpusManifest().find((photo) => photo.label === label);
  return [label, ...(entry?.alternatives ?? [])];
}

const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** How many of the label the corpus says the photo shows ("three puppies"), else one. */
export function countFor(label: string): number {
  const notes = corpusManifest().find((photo) => photo.label === label)?.notes ?? '';
  const said = new RegExp(`\\b(${COUNT_WORDS.join('|')})\\s+[a-z]+`, 'i').exec(notes)?.[1]?.toLowerCase();
  return said === undefined ? 1 : COUNT_WORDS.indexOf(said);
}

function memberNaming(label: string, members: readonly unknown[], options: FieldAnswerOptions): string {
  const words = wordsFor(label);
  if (options.outsideList) return words[1] ?? label;
  const named = members.find((member) => typeof member === 'string' && words.includes(member.toLowerCase()));
  if (typeof named === 'string') return named;
  return members.includes('other') ? 'other' : label;
}

function valueFor(name: string, property: Json, label: string, options: FieldAnswerOptions): unknown {
  const items = isObject(property.items) ? property.items : {};
  if (Array.isArray(property.enum)) return memberNaming(label, property.enum, options);
  if (property.type === 'array' && Array.isArray(items.enum)) {
    const member = memberNaming(label, items.enum, options);
    return member === 'other' && !options.outsideList ? [] : [member];
  }
  if (property.type === 'array') return wordsFor(label);
  if (property.type === 'integer' || property.type === 'number') return countFor(label);
  if (property.type === 'boolean') return `${name} ${String(property.description ?? '')}`.toLowerCase().includes(label);
  if (name === 'entity') return label;
  return `A photo of ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}.`;
}

/** The JSON object answering every property of a fields schema, in its order. */
export function fieldsAnswer(schema: Json & { properties: Json }, label: string, options: FieldAnswerOptions): string {
  const entries = Object.entries(schema.properties).map(([name, property]) => [
    name,
    valueFor(name, isObject(property) ? property : {}, label, options),
  ]);
  return JSON.stringify(Object.fromEntries(entries));
}

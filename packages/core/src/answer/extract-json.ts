/**
 * Finds the JSON a model meant to send and the entity in it. Models under 7B often ignore or break the schema:
 * they wrap the JSON in ``` fences, put prose around it, use single quotes or bare words, rename the key
 * (`label`, `main_entity`), or answer with a list. Each of those is accepted here.
 */

export type JsonEntity =
  /** No JSON object or array could be read from the text. */
  | { kind: 'none' }
  | { kind: 'entity'; entity: string }
  /** JSON was there, but no field in it could hold the answer ({"confidence": 0.9}). */
  | { kind: 'no-field' }
  /** The reply opens a JSON string that never ends ({"entity": "ca): max_tokens stopped it mid-answer. */
  | { kind: 'truncated' };

/** Keys, lowercased with separators removed, in the order they are trusted to hold the answer. */
// prettier-ignore
const ENTITY_KEYS = [
  'entity', 'mainentity', 'primaryentity', 'entityname', 'mainsubject', 'subject', 'mainobject', 'object',
  'label', 'name', 'answer', 'class', 'classname', 'category', 'item', 'thing', 'result', 'output',
  'prediction', 'response', 'entities', 'mainentities', 'objects', 'subjects', 'labels', 'items', 'classes',
];
const ENTITY_KEY_FRAGMENTS = ['entity', 'entities', 'subject', 'object', 'label', 'answer'];
const MAX_DEPTH = 5;
const MAX_OPENINGS = 50;
const MAX_REPAIR_LENGTH = 2_000;

export function extractJsonEntity(text: string): JsonEntity {
  let sawJson = false;
  for (const candidate of jsonCandidates(text)) {
    const value = parseLenientJson(candidate);
    if (value === undefined || typeof value !== 'object' || value === null) continue;
    sawJson = true;
    const entity = pickEntity(value, 0);
    if (entity !== null) return { kind: 'entity', entity };
  }
  if (sawJson) return { kind: 'no-field' };
  return readUnclosedJson(text);
}

/**
 * A reply that starts a JSON object and stops before closing it. Closing the brackets is safe when the
 * last string was finished ({"entity": "cat"); a string cut in the middle cannot be trusted ("ca" for "cat").
 */
function readUnclosedJson(text: string): JsonEntity {
  // Only an opening that looks like JSON ({"key": or ["): braces in prose are not a cut-off answer.
  const start = text.search(/\{\s*["']?[\p{L}_ ]{1,30}["']?\s*:|\[\s*["{]/u);
  if (start === -1) return { kind: 'none' };
  const scan = scanBrackets(text, start);
  if (scan.end !== null) return { kind: 'none' };
  if (scan.inString) return { kind: 'truncated' };
  const closed =
    text
      .slice(start)
      .replace(/```\s*$/, '')
      .replace(/[\s,:]+$/, '') + scan.open.reverse().join('');
  const value = parseLenientJson(closed);
  const entity = typeof value === 'object' && value !== null ? pickEntity(value, 0) : null;
  return entity === null ? { kind: 'none' } : { kind: 'entity', entity };
}

/** Fenced blocks first (the model said "this is the answer"), then every balanced {...} or [...] span. */
export function jsonCandidates(text: string): string[] {
  const fenced = [...text.matchAll(/```[a-z]*\s*\n?([\s\S]*?)(?:```|$)/gi)].map((match) => match[1] ?? '');
  const spans: string[] = [];
  // Every opening bracket starts a candidate (an outer span may be prose in braces around the real JSON);
  // the count is bounded so a pathological answer cannot make this quadratic in its full length.
  let openings = 0;
  for (let start = 0; start < text.length && openings < MAX_OPENINGS; start++) {
    if (text[start] !== '{' && text[start] !== '[') continue;
    openings++;
    const { end } = scanBrackets(text, start);
    if (end !== null) spans.push(text.slice(start, end));
  }
  // A whole answer in quotes may be double-encoded JSON ("{\"entity\": \"cat\"}").
  const quoted = /^\s*"[\s\S]*"\s*$/.test(text) ? [text.trim()] : [];
  return [...quoted, ...fenced.map((block) => block.trim()), ...spans];
}

/** How a bracketed span ends: its end index, or the brackets still open and whether a string is unfinished. */
function scanBrackets(text: string, start: number): { end: number | null; open: string[]; inString: boolean } {
  const open: string[] = [];
  let quote: string | null = null;
  for (let index = start; index < text.length; index++) {
    const char = text[index] ?? '';
    if (quote !== null) {
      if (char === '\\') index++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '{') open.push('}');
    else if (char === '[') open.push(']');
    else if (char === '}' || char === ']') {
      open.pop();
      if (open.length === 0) return { end: index + 1, open, inString: false };
    }
  }
  return { end: null, open, inString: quote !== null };
}

/** `JSON.parse`, then the same after repairing the usual small-model mistakes; undefined when neither works. */
export function parseLenientJson(candidate: string): unknown {
  // An entity answer is a few dozen characters; repairing a long span (its regexes are not linear) is not worth it.
  const attempts = candidate.length <= MAX_REPAIR_LENGTH ? [candidate, () => repairJson(candidate)] : [candidate];
  for (const attempt of attempts) {
    try {
      const value: unknown = JSON.parse(typeof attempt === 'string' ? attempt : attempt());
      // A double-encoded answer ("{\"entity\": \"cat\"}") parses to a string holding the real JSON.
      if (typeof value === 'string' && /^\s*[{[]/.test(value)) return parseLenientJson(value);
      return value;
    } catch {
      // try the next, more forgiving reading
    }
  }
  return undefined;
}

/** Single-quoted strings, bare keys and values, trailing commas and Python literals made into JSON. */
function repairJson(candidate: string): string {
  const doubleQuoted = candidate.replace(/"(?:[^"\\]|\\.)*"|'((?:[^'\\]|\\.)*)'/g, (match, single?: string) =>
    single === undefined ? match : JSON.stringify(single.replace(/\\'/g, "'")),
  );
  return mapOutsideStrings(doubleQuoted, (segment) =>
    segment
      .replace(/\bNone\b/g, 'null')
      .replace(/\bTrue\b/g, 'true')
      .replace(/\bFalse\b/g, 'false')
      .replace(/([{,]\s*)([\p{L}_$][\p{L}\p{N}_$-]*)(\s*:)/gu, '$1"$2"$3')
      .replace(/(:\s*)([\p{L}][^,{}[\]]*?)(\s*(?:[,}\]]|$))/gu, (match, before: string, word: string, after: string) =>
        /^(?:true|false|null)$/.test(word) ? match : `${before}${JSON.stringify(word)}${after}`,
      )
      .replace(/,(\s*[}\]])/g, '$1'),
  );
}

function mapOutsideStrings(json: string, transform: (segment: string) => string): string {
  let result = '';
  let last = 0;
  for (const match of json.matchAll(/"(?:[^"\\]|\\.)*"/g)) {
    result += transform(json.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + transform(json.slice(last));
}

/** The string most likely to be the answer inside a parsed JSON value, or null when there is none. */
export function pickEntity(value: unknown, depth: number): string | null {
  if (typeof value === 'string') return value;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const element of value) {
      const entity = pickEntity(element, depth + 1);
      if (entity !== null && entity.trim() !== '') return entity;
    }
    return null;
  }
  const entries = Object.entries(value).map(([key, inner]) => [key.toLowerCase().replace(/[^a-z]/g, ''), inner] as const);
  const byKey = new Map(entries);
  for (const key of ENTITY_KEYS) {
    if (!byKey.has(key)) continue;
    const entity = pickEntity(byKey.get(key), depth + 1);
    if (entity !== null) return entity;
  }
  for (const [key, inner] of entries) {
    if (!ENTITY_KEY_FRAGMENTS.some((fragment) => key.includes(fragment))) continue;
    const entity = pickEntity(inner, depth + 1);
    if (entity !== null) return entity;
  }
  // An unexpected key ({"animal": "cat"}): the first string-bearing field is the best remaining guess.
  for (const [, inner] of entries) {
    const entity = pickEntity(inner, depth + 1);
    if (entity !== null && entity.trim() !== '') return entity;
  }
  return null;
}

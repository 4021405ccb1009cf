import { singularise } from '../answer/index.ts';

/** One noun synset of WordNet 3.1: a set of words with one meaning, and the pointers matching needs. */
export interface NounSynset {
  /** Byte offset of the synset's line in `data.noun`: WordNet's own synset id. */
  offset: number;
  /** Lexicographer file: 5 noun.animal, 6 noun.artifact, 15 noun.location, 17 noun.object, 20 noun.plant... */
  lexFile: number;
  /** The synset's words, lowercase, with spaces ("golden retriever"). */
  words: string[];
  /** The same words as WordNet writes them, capitals kept ("Labrador retriever"): proper names show. */
  written: string[];
  /** `@` and `@i`: the more general synsets this one is a kind (or an instance) of. */
  hypernyms: number[];
  /** `#p`: the wholes this synset is a part of ("beach" is part of "shore"). */
  partHolonyms: number[];
  /** The definition, without the example sentences. */
  gloss: string;
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
/** WordNet's own detachment rules for nouns (morph.c), tried when the word itself is not in the index. */
// prettier-ignore
const NOUN_SUFFIX_RULES: ReadonlyArray<readonly [string, string]> = [
  ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'], ['s', ''],
];

/** `index.noun` in memory: WordNet sorts it bytewise by lemma, so a lookup is a bisection over its lines. */
export interface SortedIndex {
  buffer: Buffer;
  /** Byte offset where each entry line starts; the licence header (lines starting with spaces) is skipped. */
  lineStarts: Uint32Array;
}

export interface IndexEntry {
  /** Synset offsets, most frequent sense first. */
  offsets: number[];
  /** How many of the first senses were seen in WordNet's sense-tagged corpus (0: none were). */
  taggedSenses: number;
}

export function sortIndex(buffer: Buffer): SortedIndex {
  const starts: number[] = [];
  for (let start = 0; start < buffer.length;) {
    const end = buffer.indexOf(NEWLINE, start);
    if (buffer[start] !== SPACE) starts.push(start);
    start = end === -1 ? buffer.length : end + 1;
  }
  return { buffer, lineStarts: Uint32Array.from(starts) };
}

export function lookupIndex({ buffer, lineStarts }: SortedIndex, key: string): IndexEntry | undefined {
  const wanted = Buffer.from(key);
  let low = 0;
  let high = lineStarts.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const start = lineStarts[middle] as number;
    const order = Buffer.compare(buffer.subarray(start, buffer.indexOf(SPACE, start)), wanted);
    if (order === 0) return parseIndexLine(buffer.toString('utf8', start, buffer.indexOf(NEWLINE, start)));
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** The first line index whose key is not below `key` (bytewise), for a scan over keys sharing a prefix. */
function lowerBound({ buffer, lineStarts }: SortedIndex, key: Buffer): number {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = lineStarts[middle] as number;
    if (Buffer.compare(buffer.subarray(start, buffer.indexOf(SPACE, start)), key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index keys starting with `prefix` ("labrador_": "labrador_retriever", "labrador_sea"...), with their entries. */
export function lookupPrefix(sorted: SortedIndex, prefix: string): Array<{ key: string; entry: IndexEntry }> {
  const { buffer, lineStarts } = sorted;
  const found: Array<{ key: string; entry: IndexEntry }> = [];
  for (let line = lowerBound(sorted, Buffer.from(prefix)); line < lineStarts.length; line++) {
    const start = lineStarts[line] as number;
    const key = buffer.toString('utf8', start, buffer.indexOf(SPACE, start));
    if (!key.startsWith(prefix)) break;
    found.push({ key, entry: parseIndexLine(buffer.toString('utf8', start, buffer.indexOf(NEWLINE, start))) });
  }
  return found;
}

/** Word gaps up to which every spelling is tried: 3 gaps give 9 joinings of "red breasted merganser" etc. */
const MAX_JOINED_GAPS = 3;

/**
 * The index keys a phrase may be written as in WordNet, the phrase as written first: WordNet joins words with
 * `_` or `-` ("red-breasted_merganser", "t-shirt") and answers lose or add either, so every mix of the two is
 * tried, then the words run together ("sun flower" -> "sunflower"). No plural rule: "malinois" stays whole.
 */
export function lemmaSpellings(phrase: string): string[] {
  const written = phrase.trim().toLowerCase().replace(/\s+/g, '_');
  if (written === '') return [];
  const words = written.split(/[_-]+/).filter((word) => word !== '');
  const spellings = [written];
  if (words.length - 1 <= MAX_JOINED_GAPS) {
    let joinings = [words[0] as string];
    for (const word of words.slice(1)) joinings = joinings.flatMap((start) => [`${start}_${word}`, `${start}-${word}`]);
    spellings.push(...joinings, words.join(''));
  } else {
    spellings.push(words.join('_'));
  }
  return [...new Set(spellings)];
}

/** `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...` */
function parseIndexLine(line: string): IndexEntry {
  const fields = line.trim().split(' ');
  const synsetCount = Number(fields[2]);
  return {
    offsets: fields.slice(-synsetCount).map(Number),
    taggedSenses: Number(fields[fields.length - synsetCount - 1]),
  };
}

/** The index keys to try for a word or phrase: as written, hyphenated or not, then with its last word singular. */
export function lemmaCandidates(lemma: string): string[] {
  const key = lemma.trim().toLowerCase().replace(/\s+/g, '_');
  if (key === '') return [];
  const words = key.split('_');
  const last = words.at(-1) ?? '';
  const stem = words.slice(0, -1).join('_');
  const withLast = (word: string): string => (stem === '' ? word : `${stem}_${word}`);
  const singulars = [
    singularise(last),
    ...NOUN_SUFFIX_RULES.filter(([suffix]) => last.endsWith(suffix) && last.length > suffix.length + 1).map(
      ([suffix, replacement]) => last.slice(0, -suffix.length) + replacement,
    ),
  ];
  // Answers lose their hyphens on the way ("t shirt"); WordNet keeps some ("t-shirt") and splits others.
  const spellings = [key, key.replace(/-/g, '_'), key.replace(/_/g, '-')];
  return [...new Set([...spellings, ...singulars.map(withLast)])];
}

/** `offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] | gloss` */
export function parseSynset(line: string, offset: number): NounSynset {
  const bar = line.indexOf(' | ');
  const fields = (bar === -1 ? line : line.slice(0, bar)).trim().split(' ');
  if (Number(fields[0]) !== offset) throw new Error(`WordNet's data.noun has no synset at byte ${offset}`);
  const wordCount = Number.parseInt(fields[3] ?? '0', 16);
  const written = Array.from({ length: wordCount }, (_, i) => (fields[4 + i * 2] ?? '').replace(/_/g, ' '));
  const words = written.map((word) => word.toLowerCase());
  const pointerStart = 4 + wordCount * 2;
  const pointerCount = Number(fields[pointerStart]);
  const hypernyms: number[] = [];
  const partHolonyms: number[] = [];
  for (let i = 0; i < pointerCount; i++) {
    const at = pointerStart + 1 + i * 4;
    const [symbol, target, pos] = [fields[at], Number(fields[at + 1]), fields[at + 2]];
    if (pos !== 'n') continue;
    if (symbol === '@' || symbol === '@i') hypernyms.push(target);
    else if (symbol === '#p') partHolonyms.push(target);
  }
  const gloss = bar === -1 ? '' : line.slice(bar + 3).trim();
  return { offset, lexFile: Number(fields[1]), words, written, hypernyms, partHolonyms, gloss: definitionOf(gloss) };
}

/** A gloss is `definition; "example"; "example"`: keep the definition. */
function definitionOf(gloss: string): string {
  const quote = gloss.search(/;?\s*"/);
  return (quote === -1 ? gloss : gloss.slice(0, quote)).trim();
}

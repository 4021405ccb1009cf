const NEWLINE = 0x0a;
const SPACE = 0x20;
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
export function parseIndexLine(line: string): IndexEntry {
  const fields = line.trim().split(' ');
  const synsetCount = Number(fields[2]);
  return {
    offsets: fields.slice(-synsetCount).map(Number),
    taggedSenses: Number(fields[fields.length - synsetCount - 1]),
  };
}

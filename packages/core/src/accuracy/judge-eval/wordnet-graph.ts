import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { wordNetDictDir } from '../wordnet.ts';

/** One noun synset with both directions of the kind-of hierarchy, for walking a subtree downwards. */
export interface GraphSynset {
  offset: number;
  lexFile: number;
  /** Lowercase, with spaces, as the judge reads them. */
  words: string[];
  /** As WordNet writes them, capitals kept ("Labrador retriever"). */
  written: string[];
  hypernyms: number[];
  hyponyms: number[];
}

export interface WordNetGraph {
  synsets: ReadonlyMap<number, GraphSynset>;
  /** Every synset at or below `offset` (kinds and instances), each once, with its depth below it. */
  subtree(offset: number): Array<{ synset: GraphSynset; depth: number }>;
  /** Whether the synset `id` is at or below `offset`, at any depth. */
  isUnder(id: number, offset: number): boolean;
  /** Whether any sense of `word` is at or below `offset`, at any depth. */
  wordUnder(word: string, offset: number): boolean;
  /** Every synset holding `word` (lowercase, with spaces). */
  synsetsOf(word: string): GraphSynset[];
}

/**
 * The whole noun hierarchy of `data.noun`, read at once (15 MB, about a second): the evaluation set is built
 * from WordNet's own data by this reader, which shares no code with the judge's lazy one, so that a bug in
 * the judge's lookup cannot hide itself in its test set.
 */
export async function loadWordNetGraph(dictDir: string = wordNetDictDir()): Promise<WordNetGraph> {
  const text = await readFile(path.join(dictDir, 'data.noun'), 'utf8');
  const synsets = new Map<number, GraphSynset>();
  const byWord = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.slice(0, line.indexOf(' | ')).split(' ');
    const wordCount = Number.parseInt(fields[3] ?? '0', 16);
    const written = Array.from({ length: wordCount }, (_, i) => (fields[4 + i * 2] ?? '').replace(/_/g, ' '));
    const words = written.map((word) => word.toLowerCase());
    const pointerStart = 4 + wordCount * 2;
    const synset: GraphSynset = { offset: Number(fields[0]), lexFile: Number(fields[1]), words, written, hypernyms: [], hyponyms: [] };
    for (let i = 0; i < Number(fields[pointerStart]); i++) {
      const [symbol, target, pos] = fields.slice(pointerStart + 1 + i * 4, pointerStart + 4 + i * 4);
      if (pos !== 'n') continue;
      if (symbol === '@' || symbol === '@i') synset.hypernyms.push(Number(target));
      if (symbol === '~' || symbol === '~i') synset.hyponyms.push(Number(target));
    }
    synsets.set(synset.offset, synset);
    for (const word of new Set(words)) {
      const list = byWord.get(word);
      if (list) list.push(synset.offset);
      else byWord.set(word, [synset.offset]);
    }
  }

  const subtree = (offset: number): Array<{ synset: GraphSynset; depth: number }> => {
    const seen = new Set([offset]);
    const found: Array<{ synset: GraphSynset; depth: number }> = [];
    let frontier = [offset];
    for (let depth = 0; frontier.length > 0; depth++) {
      const next: number[] = [];
      for (const id of frontier) {
        const synset = synsets.get(id);
        if (!synset) continue;
        found.push({ synset, depth });
        for (const child of synset.hyponyms) {
          if (seen.has(child)) continue;
          seen.add(child);
          next.push(child);
        }
      }
      frontier = next;
    }
    return found;
  };

  const subtreeIds = new Map<number, Set<number>>();
  const isUnder = (id: number, offset: number): boolean => {
    let ids = subtreeIds.get(offset);
    if (!ids) subtreeIds.set(offset, (ids = new Set(subtree(offset).map(({ synset }) => synset.offset))));
    return ids.has(id);
  };

  return {
    synsets,
    subtree,
    isUnder,
    wordUnder: (word, offset) => (byWord.get(word) ?? []).some((id) => isUnder(id, offset)),
    synsetsOf: (word) => (byWord.get(word) ?? []).flatMap((id) => synsets.get(id) ?? []),
  };
}

import { EVERYDAY_HYPERNYMS } from '../everyday-hypernyms.ts';
import type { GraphSynset, WordNetGraph } from './wordnet-graph.ts';

export type PairGroup = 'synonyms' | 'species' | 'compounds' | 'everyday' | 'unrelated';

/** An answer, a label, and whether a person would accept the answer for the label. */
export interface LabelledPair {
  group: PairGroup;
  answer: string;
  label: string;
  correct: boolean;
}

/** The classes a dataset is labelled with, by their WordNet 3.1 synset ("cat": the feline, not the gossip). */
export const EVAL_CLASSES: ReadonlyArray<{ label: string; offset: number; kingdom: 'animal' | 'plant' | 'artifact' }> = [
  { label: 'dog', offset: 2086723, kingdom: 'animal' },
  { label: 'cat', offset: 2124272, kingdom: 'animal' },
  { label: 'bird', offset: 1505702, kingdom: 'animal' },
  { label: 'fish', offset: 2514684, kingdom: 'animal' },
  { label: 'horse', offset: 2377103, kingdom: 'animal' },
  { label: 'snake', offset: 1729333, kingdom: 'animal' },
  { label: 'insect', offset: 2162607, kingdom: 'animal' },
  { label: 'shark', offset: 1484971, kingdom: 'animal' },
  { label: 'duck', offset: 1848972, kingdom: 'animal' },
  { label: 'flower', offset: 11690372, kingdom: 'plant' },
  { label: 'tree', offset: 13124818, kingdom: 'plant' },
  { label: 'car', offset: 2961779, kingdom: 'artifact' },
  { label: 'boat', offset: 2861626, kingdom: 'artifact' },
  { label: 'chair', offset: 3005231, kingdom: 'artifact' },
];

/** Lexicographer files of things photographed: animals, artifacts, foods, plants. */
const PICTURED_FILES = new Set([5, 6, 13, 20]);

export interface PairSizes {
  synonyms: number;
  /** Per animal class. */
  species: number;
  compounds: number;
  unrelated: number;
}

export const DEFAULT_PAIR_SIZES: PairSizes = { synonyms: 300, species: 50, compounds: 120, unrelated: 400 };

/**
 * A labelled evaluation set built from WordNet's own data, the same for a given seed:
 * - synonyms: two words of one synset of a pictured thing ("dipper", "water ouzel");
 * - species: a word of any synset below an animal class, at any depth, and the class ("malinois", "dog");
 * - compounds: the first word of the only compound named after a place or person under a class, for the
 *   compound and for the class ("labrador" for "labrador retriever" and for "dog"), when the word is itself
 *   only a proper name in WordNet, or not in it, and names no thing of that kind by itself;
 * - everyday: each word of the everyday-hypernym table, and kinds of it, for its hypernym ("tea rose", "flower");
 * - unrelated: a word below one class for a class of another kind (an animal for a plant or an artifact, a dog
 *   for a bird), when no sense of the word is below that class at all; these must all be judged wrong.
 */
export function buildLabelledPairs(graph: WordNetGraph, seed = 17, sizes: PairSizes = DEFAULT_PAIR_SIZES): LabelledPair[] {
  const random = seededRandom(seed);
  const classes = EVAL_CLASSES.map((entry) => ({ ...entry, below: below(graph, entry.offset, entry.label) }));
  const pairs: LabelledPair[] = [];

  const withSynonyms = [...graph.synsets.values()].filter((synset) => PICTURED_FILES.has(synset.lexFile) && new Set(synset.words).size > 1);
  for (const synset of sample(withSynonyms, sizes.synonyms, random)) {
    const [answer, label] = sample([...new Set(synset.words)], 2, random) as [string, string];
    pairs.push({ group: 'synonyms', answer, label, correct: true });
  }

  for (const { label, below: words, kingdom } of classes) {
    if (kingdom !== 'animal') continue;
    for (const answer of sample(words, sizes.species, random)) pairs.push({ group: 'species', answer, label, correct: true });
  }

  pairs.push(...sample(compoundPairs(graph, classes), sizes.compounds, random));
  pairs.push(...everydayPairs(graph));

  const unrelated: LabelledPair[] = [];
  // Enough words per pair of classes for the sample to draw from every pair (14 classes: 150 pairs of them).
  const perClassPair = Math.ceil(sizes.unrelated / 50);
  for (const from of classes) {
    for (const to of classes) {
      const differ = from.kingdom !== to.kingdom || (from.kingdom === 'animal' && from.label !== to.label);
      if (!differ) continue;
      for (const answer of sample(from.below, perClassPair, random)) {
        if (!graph.wordUnder(answer, to.offset)) unrelated.push({ group: 'unrelated', answer, label: to.label, correct: false });
      }
    }
  }
  pairs.push(...sample(unrelated, sizes.unrelated, random));
  return pairs;
}

/** The words of every synset strictly below `offset`, other than the label itself, in WordNet's order. */
function below(graph: WordNetGraph, offset: number, label: string): string[] {
  const words = graph.subtree(offset).flatMap(({ synset, depth }) => (depth === 0 ? [] : synset.words));
  return [...new Set(words)].filter((word) => word !== label).sort();
}

function compoundPairs(graph: WordNetGraph, classes: ReadonlyArray<{ label: string; offset: number }>): LabelledPair[] {
  // Compounds named after a place or person, as WordNet writes them: "Labrador retriever", "Gordon setter".
  const byFirstWord = new Map<string, Array<{ synset: GraphSynset; compound: string }>>();
  for (const synset of graph.synsets.values()) {
    synset.written.forEach((written, index) => {
      const [first, ...rest] = written.split(' ');
      if (!first || rest.length === 0 || !/^\p{Lu}\p{L}+(?:-\p{L}+)*$/u.test(first)) return;
      const key = first.toLowerCase();
      byFirstWord.set(key, [...(byFirstWord.get(key) ?? []), { synset, compound: synset.words[index] as string }]);
    });
  }
  const pairs: LabelledPair[] = [];
  const firstWords = [...byFirstWord.keys()].sort();
  for (const { label, offset } of classes) {
    for (const first of firstWords) {
      const under = (byFirstWord.get(first) ?? []).filter(({ synset }) => graph.isUnder(synset.offset, offset));
      if (new Set(under.map(({ compound }) => compound)).size !== 1) continue;
      const { synset, compound } = under[0] as { synset: GraphSynset; compound: string };
      // A word naming a thing of the compound's kind by itself means that ("shetland": the sheepdog), and a
      // common noun means itself ("john": a toilet, not a John Dory).
      const own = graph.synsetsOf(first);
      if (own.some((other) => other.lexFile === synset.lexFile || !/^\p{Lu}/u.test(other.written[other.words.indexOf(first)] ?? '')))
        continue;
      pairs.push({ group: 'compounds', answer: first, label: compound, correct: true });
      pairs.push({ group: 'compounds', answer: first, label, correct: true });
    }
  }
  return pairs;
}

function everydayPairs(graph: WordNetGraph): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  for (const entry of EVERYDAY_HYPERNYMS) {
    for (const word of entry.words) {
      pairs.push({ group: 'everyday', answer: word, label: entry.hypernym, correct: true });
      const synset = graph.synsetsOf(word).find((candidate) => candidate.lexFile === entry.lexFile);
      const kind = synset && graph.subtree(synset.offset).find(({ depth }) => depth === 1)?.synset.words[0];
      if (kind !== undefined) pairs.push({ group: 'everyday', answer: kind, label: entry.hypernym, correct: true });
    }
  }
  return pairs;
}

/** `count` items of `items` chosen by `random`, in the order chosen; all of them when there are fewer. */
function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  return chosen;
}

/** mulberry32: a small seeded generator, so that the set is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

import { glossGenus, longestKnownTail } from './gloss-head.ts';
import type { NounSenses, NounSynset, WordNet } from './wordnet.ts';

/** How an answer relates to a label, as far as matching cares; `labelSense` is the label's sense that matched. */
export type SenseRelation =
  | { kind: 'synonym'; labelSense: NounSynset }
  /** `path` runs from the answer's sense up to `labelSense`. */
  | { kind: 'hyponym'; labelSense: NounSynset; path: NounSynset[] }
  /** The answer's definition names the label, or a kind of it ("kitten: young domestic cat"). */
  | { kind: 'gloss'; labelSense: NounSynset; answer: NounSynset }
  /** WordNet files flowering plants as plants, apart from their blooms; the definition says they flower. */
  | { kind: 'bloom'; labelSense: NounSynset; answer: NounSynset }
  /** Scenes: one landform or place is part of the other ("beach" is part of "shore"), `via` a hypernym. */
  | { kind: 'holonym'; labelSense: NounSynset; via: NounSynset | null; answerIsWhole: boolean }
  /** The answer is more general than the label: never accepted, kept to explain why. */
  | { kind: 'broader' };

/** Lexicographer files of places and landforms, where a photo of the part is a photo of the whole. */
const SCENE_FILES = new Set([15, 17]);
const PLANT_FILE = 20;
const BLOOM_WORDS = ['flower', 'bloom', 'blossom'];
const BLOOM_MENTION = /\b(?:flowers?|blooms?|blossoms?|florets?)\b/;
/** Enough to see that "animal" is above "cat" (7 steps) when explaining a refusal. */
const BROADER_SEARCH_DEPTH = 12;

/**
 * The closest relation from the answer to the label, trying in order: same synset, hyponym within
 * `maxDepth`, definition genus, bloom, part of a scene, and last broader (only to explain a refusal).
 * Senses are chosen asymmetrically. An answer is read in its frequent senses: a model that says "cat"
 * means the animal, not "a spiteful woman gossip". A label may be meant in any of its senses: a dataset
 * author who writes "seal", "mouse" or "primate" means the picturable sense, often not the most frequent in
 * text. The broader check is the reverse (any answer sense above a frequent label sense), so that "primate"
 * for "monkey" is explained as broader although its most frequent sense is a clergyman.
 */
export async function relateSenses(
  wordNet: WordNet,
  answer: NounSenses,
  label: NounSenses,
  maxDepth: number,
): Promise<SenseRelation | undefined> {
  const labelIds = new Set(label.synsets.map((synset) => synset.offset));
  for (const synset of answer.frequent) {
    if (labelIds.has(synset.offset)) return { kind: 'synonym', labelSense: synset };
  }
  const hyponym = await shortestPathUp(wordNet, answer.frequent, labelIds, maxDepth);
  if (hyponym) return { kind: 'hyponym', labelSense: hyponym.at(-1) as NounSynset, path: hyponym };
  return (
    (await genusRelation(wordNet, answer.frequent, labelIds, maxDepth)) ??
    bloomRelation(answer.frequent, label.synsets) ??
    (await sceneRelation(wordNet, answer.frequent, label.synsets)) ??
    (await broaderRelation(wordNet, answer.synsets, label.frequent))
  );
}

/** The shortest hypernym path from one of `from` to one of `targets`, both ends included. */
async function shortestPathUp(
  wordNet: WordNet,
  from: NounSynset[],
  targets: ReadonlySet<number>,
  maxDepth: number,
): Promise<NounSynset[] | undefined> {
  let best: NounSynset[] | undefined;
  for (const synset of from) {
    const ancestors = await wordNet.hypernymClosure(synset.offset, maxDepth);
    const hit = ancestors.find((ancestor) => targets.has(ancestor.synset.offset));
    if (hit && (!best || hit.path.length < best.length)) best = hit.path;
  }
  return best;
}

async function genusRelation(
  wordNet: WordNet,
  answer: NounSynset[],
  labelIds: ReadonlySet<number>,
  maxDepth: number,
): Promise<SenseRelation | undefined> {
  for (const synset of answer) {
    const genus = glossGenus(synset.gloss);
    const genusSenses = genus === '' ? undefined : await longestKnownTail(wordNet, genus);
    if (!genusSenses) continue;
    const named = genusSenses.frequent.find((sense) => labelIds.has(sense.offset));
    const labelSense = named ?? (await shortestPathUp(wordNet, genusSenses.frequent, labelIds, maxDepth - 1))?.at(-1);
    if (labelSense) return { kind: 'gloss', labelSense, answer: synset };
  }
  return undefined;
}

function bloomRelation(answer: NounSynset[], label: NounSynset[]): SenseRelation | undefined {
  const labelSense = label.find((synset) => synset.words.some((word) => BLOOM_WORDS.includes(word)));
  const plant = answer.find((synset) => synset.lexFile === PLANT_FILE && BLOOM_MENTION.test(synset.gloss));
  return labelSense && plant && { kind: 'bloom', labelSense, answer: plant };
}

/** The answer is the whole the label is part of, or a part of the label, allowing one hypernym step to the whole. */
async function sceneRelation(
  wordNet: WordNet,
  answer: NounSynset[],
  label: NounSynset[],
): Promise<SenseRelation | undefined> {
  const isScene = (synset: NounSynset): boolean => SCENE_FILES.has(synset.lexFile);
  for (const labelSense of label.filter(isScene)) {
    for (const answerSense of answer.filter(isScene)) {
      for (const answerIsWhole of [true, false]) {
        const [part, whole] = answerIsWhole ? [labelSense, answerSense] : [answerSense, labelSense];
        if (part.partHolonyms.includes(whole.offset)) return { kind: 'holonym', labelSense, via: null, answerIsWhole };
        const step = whole.hypernyms.find((offset) => part.partHolonyms.includes(offset));
        if (step !== undefined) {
          return { kind: 'holonym', labelSense, via: await wordNet.synset(step), answerIsWhole };
        }
      }
    }
  }
  return undefined;
}

async function broaderRelation(
  wordNet: WordNet,
  answer: NounSynset[],
  label: NounSynset[],
): Promise<SenseRelation | undefined> {
  const answerIds = new Set(answer.map((synset) => synset.offset));
  return (await shortestPathUp(wordNet, label, answerIds, BROADER_SEARCH_DEPTH)) ? { kind: 'broader' } : undefined;
}

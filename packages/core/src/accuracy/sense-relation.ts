import { glossGenus, longestKnownTail } from './gloss-head.ts';
import type { NounSenses, NounSynset, WordNet } from './wordnet.ts';

/**
 * How an answer relates to a label, as far as matching cares; `labelSense` is the label's sense that matched
 * and `answerSense` the answer's.
 */
export type SenseRelation =
  | { kind: 'synonym'; answerSense: NounSynset; labelSense: NounSynset }
  /** `path` runs from `answerSense` up to `labelSense`. */
  | { kind: 'hyponym'; answerSense: NounSynset; labelSense: NounSynset; path: NounSynset[] }
  /** The answer's definition names the label, or a kind of it ("kitten: young domestic cat"). */
  | { kind: 'gloss'; answerSense: NounSynset; labelSense: NounSynset }
  /** WordNet files flowering plants as plants, apart from their blooms; the definition says they flower. */
  | { kind: 'bloom'; answerSense: NounSynset; labelSense: NounSynset }
  /** Scenes: one landform or place is part of the other ("beach" is part of "shore"), `via` a hypernym. */
  | { kind: 'holonym'; answerSense: NounSynset; labelSense: NounSynset; via: NounSynset | null; answerIsWhole: boolean }
  /** The answer is more general than the label: never accepted, kept to explain why. */
  | { kind: 'broader' };

/** Lexicographer files of places and landforms, where a photo of the part is a photo of the whole. */
const SCENE_FILES = new Set([15, 17]);
const PLANT_FILE = 20;
/** noun.person: the file of slang and figurative senses ("cat": a spiteful woman gossip; "dish", "skirt"). */
const PERSON_FILE = 18;
const BLOOM_WORDS = ['flower', 'bloom', 'blossom'];
const BLOOM_MENTION = /\b(?:flowers?|blooms?|blossoms?|florets?)\b/;
/** Enough to see that "animal" is above "cat" (7 steps) when explaining a refusal. */
const BROADER_SEARCH_DEPTH = 12;

/** Files of living things, where breeds and species share their names with everyday words ("boxer", "crane"). */
const LIVING_FILES = new Set([5, 20]);

/**
 * The answer's senses a model may mean, its frequent senses first. Every other noun sense follows ("boxer":
 * the dog after the fighter; "dipper": the bird after the ladle), except
 * - rare senses naming people: those are slang and figures of speech ("cat" for a gossip, "dish" for a
 *   woman), and a model naming a photo "cat" did not mean a woman (a frequent person sense, "lady", is kept);
 * - rare senses of the same kind as a frequent one: a "crab" that is an animal means the crustacean, not the
 *   crab louse; a "cat" the feline, not the big cat.
 */
export function candidateSenses(answer: NounSenses): NounSynset[] {
  const frequent = new Set(answer.frequent.map((synset) => synset.offset));
  const frequentFiles = new Set(answer.frequent.map((synset) => synset.lexFile));
  const rare = answer.synsets.filter(
    (synset) => !frequent.has(synset.offset) && synset.lexFile !== PERSON_FILE && !frequentFiles.has(synset.lexFile),
  );
  return [...answer.frequent, ...rare];
}

/**
 * The closest relation from the answer to the label, trying in order: same synset, hyponym within
 * `maxDepth`, definition genus, bloom, part of a scene, and last broader (only to explain a refusal).
 * Same synset and hyponym try every sense of the answer (`candidateSenses`), frequent senses first (a rare
 * sense is a kind of the label only when it is an animal or a plant); the
 * looser relations (genus, bloom, scene) only its frequent senses, so that they never make a rare sense
 * of an unrelated word count. A label may be meant in any of its senses: a dataset author who writes "seal",
 * "mouse" or "primate" means the picturable sense, often not the most frequent in text. The broader check is
 * the reverse (any answer sense above a frequent label sense), so that "primate" for "monkey" is explained
 * as broader although its most frequent sense is a clergyman.
 */
export async function relateSenses(
  wordNet: WordNet,
  answer: NounSenses,
  label: NounSenses,
  maxDepth: number,
): Promise<SenseRelation | undefined> {
  const labelIds = new Set(label.synsets.map((synset) => synset.offset));
  const frequentIds = new Set(answer.frequent.map((synset) => synset.offset));
  const candidates = candidateSenses(answer);
  // The label names the very synset: any sense but slang for people may be meant ("tank" for "tank car").
  const synonymous = answer.synsets.filter((synset) => frequentIds.has(synset.offset) || synset.lexFile !== PERSON_FILE);
  // A rare sense is a kind of the label only when it is an animal or a plant, where a breed or a species shares
  // its name with an everyday word; elsewhere rare senses turn anything into something ("cat": a tracked
  // vehicle, "dog": a sausage).
  const living = candidates.filter((synset) => !frequentIds.has(synset.offset) && LIVING_FILES.has(synset.lexFile));
  for (const [group, kinds] of [
    [answer.frequent, answer.frequent],
    [synonymous, living],
  ] as const) {
    const same = group.find((synset) => labelIds.has(synset.offset));
    if (same) return { kind: 'synonym', answerSense: same, labelSense: same };
    const path = await shortestPathUp(wordNet, kinds, labelIds, maxDepth);
    if (path) return { kind: 'hyponym', answerSense: path[0] as NounSynset, labelSense: path.at(-1) as NounSynset, path };
  }
  return (
    (await genusRelation(wordNet, answer.frequent, labelIds, maxDepth)) ??
    bloomRelation(answer.frequent, label.synsets) ??
    (await sceneRelation(wordNet, answer.frequent, label.synsets)) ??
    (await broaderRelation(wordNet, answer.synsets, label.frequent))
  );
}

/** The shortest hypernym path from one of `from` to one of `targets`, both ends included. */
export async function shortestPathUp(
  wordNet: WordNet,
  from: readonly NounSynset[],
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
    // A definition names its genus in the synset's own domain: a shoveller "a worker who shovels" is a
    // person, not the worker bee.
    const genera = genusSenses.frequent.filter((sense) => sense.lexFile === synset.lexFile);
    const named = genera.find((sense) => labelIds.has(sense.offset));
    const labelSense = named ?? (await shortestPathUp(wordNet, genera, labelIds, maxDepth - 1))?.at(-1);
    if (labelSense) return { kind: 'gloss', labelSense, answerSense: synset };
  }
  return undefined;
}

function bloomRelation(answer: NounSynset[], label: NounSynset[]): SenseRelation | undefined {
  const labelSense = label.find((synset) => synset.words.some((word) => BLOOM_WORDS.includes(word)));
  const plant = answer.find((synset) => synset.lexFile === PLANT_FILE && BLOOM_MENTION.test(synset.gloss));
  return labelSense && plant && { kind: 'bloom', labelSense, answerSense: plant };
}

/** The answer is the whole the label is part of, or a part of the label, allowing one hypernym step to the whole. */
async function sceneRelation(wordNet: WordNet, answer: NounSynset[], label: NounSynset[]): Promise<SenseRelation | undefined> {
  const isScene = (synset: NounSynset): boolean => SCENE_FILES.has(synset.lexFile);
  for (const labelSense of label.filter(isScene)) {
    for (const answerSense of answer.filter(isScene)) {
      for (const answerIsWhole of [true, false]) {
        const [part, whole] = answerIsWhole ? [labelSense, answerSense] : [answerSense, labelSense];
        if (part.partHolonyms.includes(whole.offset)) {
          return { kind: 'holonym', answerSense, labelSense, via: null, answerIsWhole };
        }
        const step = whole.hypernyms.find((offset) => part.partHolonyms.includes(offset));
        if (step !== undefined) {
          return { kind: 'holonym', answerSense, labelSense, via: await wordNet.synset(step), answerIsWhole };
        }
      }
    }
  }
  return undefined;
}

async function broaderRelation(wordNet: WordNet, answer: NounSynset[], label: NounSynset[]): Promise<SenseRelation | undefined> {
  const answerIds = new Set(answer.map((synset) => synset.offset));
  return (await shortestPathUp(wordNet, label, answerIds, BROADER_SEARCH_DEPTH)) ? { kind: 'broader' } : undefined;
}

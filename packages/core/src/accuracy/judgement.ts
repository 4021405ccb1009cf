import type { ReadingHow } from './read-entity.ts';
import type { NounSynset } from './wordnet.ts';

export type JudgementKind = 'exact' | 'normalised' | 'synonym' | 'hyponym' | 'compound' | 'gloss' | 'holonym' | 'everyday' | 'wrong';

/**
 * Why, as data: what a renderer in any language needs to say it again ("boxer (a breed of dog) is a kind
 * of dog (WordNet: boxer → working dog → dog)"), without parsing the English `explanation`.
 */
export type JudgementRelation =
  | 'no-label'
  | 'no-answer'
  /** The same text, or the same once read ("Cats" and "cat"; "T shirts" and "t-shirt"). */
  | 'same-text'
  | 'same-name'
  /** One synset holds both words ("dipper" and "water ouzel"). */
  | 'synonym'
  /** The answer's sense is below the label's within the depth limit; `path` runs up from the answer. */
  | 'hyponym'
  /** The answer is the distinctive word of one compound under the label ("labrador": "labrador retriever"). */
  | 'compound'
  /** The answer's definition names the label or a kind of it ("kitten: young domestic cat"). */
  | 'gloss'
  /** A flowering plant for "flower": its definition says it flowers. */
  | 'bloom'
  /** A landform that is part of the labelled scene, or the whole of it. */
  | 'part-of'
  | 'includes'
  /** The everyday-hypernym table, after WordNet ("rose" is a flower). */
  | 'everyday'
  /** Never accepted: the answer is more general than the label ("animal" for "cat"). */
  | 'broader'
  | 'unrelated'
  /** Neither WordNet nor the text relates them, and WordNet does not know the answer. */
  | 'unknown-answer';

/** A WordNet synset as a judgement cites it. */
export interface SenseRef {
  /** WordNet 3.1's id: the byte offset of the synset in `data.noun`. */
  offset: number;
  /** Its words, lowercase, the usual name first. */
  words: string[];
  /** Its definition. */
  gloss: string;
}

export interface JudgementReason {
  relation: JudgementRelation;
  /** The answer as given, trimmed. */
  answer: string;
  /** The name the answer was read as: a WordNet lemma ("great pyrenees", "plane"), else its normalised form. */
  answerName: string;
  /** How the answer was found in WordNet; `null` when it was not. */
  answerRead: ReadingHow | null;
  /** The label the answer matched, or every label when none did. */
  labels: string[];
  /**
   * The answer's sense used, and whether it is not the answer's most frequent sense, so that a reader must be
   * told which ("boxer": the dog, not the fighter).
   */
  answerSense: SenseRef | null;
  answerSenseRare: boolean;
  /** The label's sense matched, and whether it is one of the label's rare senses ("mouse": the device). */
  labelSense: SenseRef | null;
  labelSenseRare: boolean;
  /**
   * WordNet's path of synsets, both ends included: for `hyponym` from the answer's sense up to the label's;
   * `compound`, from the compound up; `everyday`, from the answer up to the table's word; `part-of` and
   * `includes`, the hypernym step between the whole and the part when there is one; otherwise empty.
   */
  path: SenseRef[];
  /** `compound`: the WordNet compound ("labrador retriever"). */
  compound: string | null;
  /** `everyday`: the table's word and the hypernym people give it ("rose", "flower"). */
  everyday: { word: string; hypernym: string } | null;
}

export interface Judgement {
  correct: boolean;
  kind: JudgementKind;
  /** One English sentence a user can check: "tabby (...) is a kind of cat (WordNet: tabby → domestic cat → cat)". */
  explanation: string;
  reason: JudgementReason;
}

export function senseRef(synset: NounSynset): SenseRef {
  return { offset: synset.offset, words: synset.words, gloss: synset.gloss };
}

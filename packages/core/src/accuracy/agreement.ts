import type { AgreementBasis, TAgreementLink as AgreementLink } from '../schemas/comparison';
import type { Judgement } from './judgement.ts';
import { sameEntity, type JudgeOptions } from './match-label.ts';

export type { AgreementBasis, AgreementLink };

/**
 * What agreement needs of an answer: its entity (named in the links), what the model said (judged; the entity when
 * absent) and, when the image is labelled, its judgement.
 */
export interface AgreeingAnswer {
  entity: string;
  said?: string | undefined;
  judgement: Pick<Judgement, 'correct' | 'reason'> | null;
}

export type JudgePair = (answer: string, label: string) => Promise<Judgement>;

/**
 * The judge's relations that make one answer a kind of the other. A synonym in any sense is not enough for two
 * answers ("guy" is "cat" only in slang: `sameEntity` decides synonyms), nor is a part of a scene ("shore", "beach").
 */
const KIND_OF = new Set<Judgement['kind']>(['hyponym', 'compound', 'gloss', 'everyday']);

/**
 * How two answers to one image name the same thing, or null when they do not: the same once read, synonyms in a
 * sense both often mean, one a kind of the other in the label's usual sense (the WordNet judge, either way round),
 * or both judged right against the same label.
 */
export async function relateAnswers(
  first: AgreeingAnswer,
  second: AgreeingAnswer,
  judge: JudgePair,
  options?: JudgeOptions,
): Promise<AgreementLink | null> {
  const link = (basis: AgreementBasis, answer: string, other: string, extra: Partial<AgreementLink> = {}): AgreementLink => ({
    basis,
    answer,
    other,
    label: null,
    reason: null,
    ...extra,
  });
  const [firstSaid, secondSaid] = [first.said ?? first.entity, second.said ?? second.entity];
  const same = (judgement: Judgement) => judgement.kind === 'exact' || judgement.kind === 'normalised';
  const forward = await judge(secondSaid, firstSaid);
  if (same(forward)) return link('same', second.entity, first.entity);
  if (await sameEntity(firstSaid, secondSaid, options)) return link('synonym', second.entity, first.entity);
  const kindOf = (judgement: Judgement) => judgement.correct && KIND_OF.has(judgement.kind) && !judgement.reason.labelSenseRare;
  if (kindOf(forward)) return link('kind-of', second.entity, first.entity, { reason: forward.reason });
  const backward = await judge(firstSaid, secondSaid);
  // "black cat" against "cat" reads the same only this way round: the answer's describing words are dropped.
  if (same(backward)) return link('same', second.entity, first.entity);
  if (kindOf(backward)) return link('kind-of', first.entity, second.entity, { reason: backward.reason });
  const label = sameLabelJudgedRight(first, second);
  return label === null ? null : link('same-label', second.entity, first.entity, { label });
}

function sameLabelJudgedRight(first: AgreeingAnswer, second: AgreeingAnswer): string | null {
  if (!first.judgement?.correct || !second.judgement?.correct) return null;
  const label = first.judgement.reason.labels[0];
  return label !== undefined && label === second.judgement.reason.labels[0] ? label : null;
}

/**
 * Whether every answer names the same thing as the others: each is linked to one already linked, starting from
 * the first ("cat", "tabby" and "siamese cat" agree through "cat"). `null` with fewer than two answers; the links
 * say how, one per answer after the first, and are empty when they disagree.
 */
export async function agreementOf(
  answers: readonly AgreeingAnswer[],
  judge: JudgePair,
  options?: JudgeOptions,
): Promise<{ agree: boolean | null; links: AgreementLink[] }> {
  if (answers.length < 2) return { agree: null, links: [] };
  const [first, ...rest] = answers as [AgreeingAnswer, ...AgreeingAnswer[]];
  const linked = [first];
  const links: AgreementLink[] = [];
  let waiting = rest;
  while (waiting.length > 0) {
    const stillWaiting: AgreeingAnswer[] = [];
    for (const answer of waiting) {
      const link = await firstLink(linked, answer, judge, options);
      if (link) {
        links.push(link);
        linked.push(answer);
      } else stillWaiting.push(answer);
    }
    if (stillWaiting.length === waiting.length) return { agree: false, links: [] };
    waiting = stillWaiting;
  }
  return { agree: true, links };
}

async function firstLink(linked: readonly AgreeingAnswer[], answer: AgreeingAnswer, judge: JudgePair, options?: JudgeOptions) {
  for (const other of linked) {
    const link = await relateAnswers(other, answer, judge, options);
    if (link) return link;
  }
  return null;
}

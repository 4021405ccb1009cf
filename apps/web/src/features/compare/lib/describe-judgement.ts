import type { TAgreementLink, TJudgement } from '@vision/api-contract';
import { shortSense, wordNetPath } from '@vision/core/explain';
import type { JudgementParts } from '../../../i18n/explain-messages';
import type { Messages } from '../../../i18n';

type Reason = TJudgement['reason'];

/**
 * The judge's reason in the user's language, from its parts (relation, words, WordNet's path), never from the
 * server's English sentence: the same sentence as core's `explainJudgement` in English, its like in Russian.
 */
export function describeJudgement(reason: Reason, t: Pick<Messages, 'judge'>): string {
  const { judge } = t;
  const label = reason.labels[0] ?? '';
  const bare = reason.answerName;
  const parts: JudgementParts = {
    answer: reason.answer,
    name: reason.answerSense && reason.answerSenseRare ? `${bare} (${shortSense(reason.answerSense.gloss)})` : bare,
    label,
    labels: orList(reason.labels, judge.or),
    path: pathOf(reason, bare, label),
    gloss: reason.answerSense?.gloss ?? '',
    compound: reason.compound ?? '',
    word: reason.everyday?.word ?? bare,
    hypernym: reason.everyday?.hypernym ?? label,
    via: reason.relation === 'part-of' || reason.relation === 'includes' ? (reason.path[0]?.words[0] ?? '') : '',
    byHead: reason.answerRead === 'head',
  };
  // The English sentence names the bare answer where the relation's own words come first (as core does).
  const sentence = judge.relation[reason.relation](usesBareName(reason) ? { ...parts, name: bare } : parts);
  return sentence + (hasNotes(reason) ? notes(reason, t) : '');
}

/** How the answers of one image agree, in the user's language: "tabby is a kind of cat". */
export function describeAgreement(links: readonly TAgreementLink[], t: Pick<Messages, 'agreedBy'>): string {
  return links.map((link) => t.agreedBy[link.basis](link)).join('; ');
}

/** The WordNet chain the relation cites, from the answer's end; empty when it cites none. */
function pathOf(reason: Reason, name: string, label: string): string {
  const chain = (from: string, to: string) => wordNetPath(reason.path, from, to).join(' → ');
  switch (reason.relation) {
    case 'hyponym':
      return chain(name, label);
    case 'compound':
      return reason.path.length <= 1 ? '' : chain(reason.compound ?? '', label);
    case 'everyday':
      return reason.path.length <= 1 ? '' : chain(name, reason.everyday?.word ?? name);
    default:
      return '';
  }
}

/** Relations whose sentence names the answer without its sense note (as core's English does). */
const usesBareName = (reason: Reason): boolean => !['synonym', 'hyponym', 'everyday'].includes(reason.relation);

/** Relations whose sentence is followed by the label's unusual sense and how the answer was read. */
const hasNotes = (reason: Reason): boolean =>
  ['synonym', 'hyponym', 'compound', 'gloss', 'bloom', 'part-of', 'includes', 'everyday'].includes(reason.relation);

function notes(reason: Reason, { judge }: Pick<Messages, 'judge'>): string {
  const label = reason.labels[0] ?? '';
  const sense = reason.labelSense && reason.labelSenseRare ? judge.labelSense(label, reason.labelSense.gloss) : '';
  const shortened = reason.answerRead === 'head' || reason.answerRead === 'normalised';
  return sense + (shortened ? judge.readAs(reason.answer.toLowerCase(), reason.answerName) : '');
}

function orList(items: readonly string[], or: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}`;
}

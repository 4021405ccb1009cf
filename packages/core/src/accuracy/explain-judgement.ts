import type { JudgementReason, SenseRef } from './judgement.ts';

/** Words after which a definition moves from what a thing is to how it looks: "dog *with* a brindled coat". */
const DETAIL_STARTS = new Set([
  'in',
  'on',
  'at',
  'with',
  'without',
  'that',
  'which',
  'who',
  'whose',
  'where',
  'when',
  'used',
  'for',
  'from',
  'by',
  'to',
  'as',
  'or',
  'but',
  'especially',
  'usually',
  'typically',
  'often',
  'having',
  'noted',
  'found',
  'native',
  'living',
  'made',
  'resembling',
  'like',
]);
/** A definition this short is named whole. */
const SHORT_DEFINITION_WORDS = 10;

/**
 * The English sentence for a judgement, built only from its `reason`, so that a renderer in another language
 * can say the same from the same parts. "boxer (a breed of stocky medium-sized short-haired dog) is a kind of
 * dog (WordNet: boxer → working dog → dog)".
 */
export function explainJudgement(reason: JudgementReason): string {
  const name = reason.answerName;
  const label = reason.labels[0] ?? '';
  const named = name + senseNote(reason);
  const tail = labelSenseNote(reason) + readNote(reason);
  switch (reason.relation) {
    case 'no-label':
      return 'there is no label to compare with';
    case 'no-answer':
      return 'no answer';
    case 'same-text':
      return `${reason.answer} is ${reason.answer}`;
    case 'same-name':
      return reason.answerRead === 'head' ? `${reason.answer} is read as ${name}, its head noun` : `"${reason.answer}" reads as ${name}`;
    case 'synonym':
      return `${named} is another word for ${label}${tail}`;
    case 'hyponym':
      return `${named} is a kind of ${label} (WordNet: ${pathText(reason.path, name, label)})${tail}`;
    case 'compound': {
      const compound = reason.compound ?? '';
      if (reason.path.length <= 1) return `${name} is short for ${compound}${tail}`;
      return `${name} is short for ${compound}, a kind of ${label} (WordNet: ${pathText(reason.path, compound, label)})${tail}`;
    }
    case 'gloss':
      return `${name} is a kind of ${label} (WordNet: ${name} — ${reason.answerSense?.gloss ?? ''})${tail}`;
    case 'bloom':
      return `${name} is a flowering plant (WordNet: ${name} — ${reason.answerSense?.gloss ?? ''})${tail}`;
    case 'part-of':
    case 'includes':
      return sceneSentence(reason, name, label) + tail;
    case 'everyday': {
      const { word, hypernym } = reason.everyday ?? { word: name, hypernym: label };
      const usage = `${word} is called a ${hypernym} in everyday usage, which WordNet does not record`;
      if (reason.path.length <= 1) return `${named} is a ${label}: ${usage}${tail}`;
      return `${named} is a kind of ${word} (WordNet: ${pathText(reason.path, name, word)}), and ${usage}${tail}`;
    }
    case 'broader':
      return `${name} is broader than ${label} (${label} is a kind of ${name})`;
    case 'unrelated':
      return `${name} is not ${orList(reason.labels)}`;
    case 'unknown-answer':
      return `${name} is not ${orList(reason.labels)} (${name} is not in WordNet)`;
  }
}

/** A few words naming a sense: its definition when short, else up to where the details begin. */
export function shortSense(gloss: string): string {
  const definition = (gloss.split(/[;(]/)[0] ?? '').trim();
  const words = definition.split(/\s+/).filter((word) => word !== '');
  if (words.length <= SHORT_DEFINITION_WORDS) return words.join(' ');
  const end = words.findIndex((word, index) => index >= 2 && DETAIL_STARTS.has(word.replace(/\W+$/, '')));
  return words
    .slice(0, end === -1 ? SHORT_DEFINITION_WORDS : end)
    .join(' ')
    .replace(/[,:]$/, '');
}

/** Names the answer's sense when it is not its usual one: "boxer (a breed of ... dog)", not the fighter. */
function senseNote(reason: JudgementReason): string {
  return reason.answerSense && reason.answerSenseRare ? ` (${shortSense(reason.answerSense.gloss)})` : '';
}

/** Names the label's sense when it is not one of its frequent ones: the judgement may then surprise. */
function labelSenseNote(reason: JudgementReason): string {
  return reason.labelSense && reason.labelSenseRare ? `, taking ${reason.labels[0] ?? ''} as "${reason.labelSense.gloss}"` : '';
}

function readNote(reason: JudgementReason): string {
  const shortened = reason.answerRead === 'head' || reason.answerRead === 'normalised';
  return shortened ? ` (${reason.answer.toLowerCase()} read as ${reason.answerName})` : '';
}

/** The words of a WordNet path, the answer's end first, with the given names at its ends: boxer, working dog, dog. */
export function wordNetPath(path: readonly SenseRef[], from: string, to: string): string[] {
  return [from, ...path.slice(1, -1).map(firstWord), to];
}

function pathText(path: readonly SenseRef[], from: string, to: string): string {
  return wordNetPath(path, from, to).join(' → ');
}

function sceneSentence(reason: JudgementReason, name: string, label: string): string {
  const answerIsWhole = reason.relation === 'includes';
  const [whole, part] = answerIsWhole ? [name, label] : [label, name];
  const step = reason.path[0] && firstWord(reason.path[0]);
  const why = step ? `${part} is part of ${step}; ${whole} is a kind of ${step}` : `${part} is part of ${whole}`;
  return `${answerIsWhole ? `${name} includes ${label}` : `${name} is part of ${label}`} (WordNet: ${why})`;
}

const firstWord = (sense: SenseRef): string => sense.words[0] ?? String(sense.offset);

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

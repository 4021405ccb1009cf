import { entityPhrase, normaliseEntity, singularise } from '../answer/index.ts';
import { longestKnownTail } from './gloss-head.ts';
import type { NounSenses, NounSynset, WordNet } from './wordnet.ts';

/**
 * How a text was found in WordNet: `written`, the text or its noun phrase as a lemma ("Great Pyrenees",
 * "white shark"); `singular`, with its last word made singular ("golden retrievers"); `head`, a shorter tail
 * of its noun phrase ("fighter plane" as "plane"); `normalised`, after `normaliseEntity` dropped words.
 */
export type ReadingHow = 'written' | 'singular' | 'head' | 'normalised';

export interface EntityReading {
  /** The text as given, trimmed. */
  text: string;
  /** The noun phrase the text names, lowercase ("two golden retrievers" -> "golden retrievers"). */
  phrase: string;
  /** The WordNet lemma found, or the normalised text when WordNet knows no part of it. */
  name: string;
  /** Other names the text equally stands for: the singular of a plural that is a lemma too ("woods": "wood"). */
  aliases: string[];
  /** `undefined` when WordNet knows no part of the text. */
  senses?: NounSenses;
  how: ReadingHow | null;
}

/**
 * Reads an answer or a label the way WordNet names things: look up before normalising. In order: the text
 * as written (case-folded; spaces, hyphens and underscores as WordNet writes them); its noun phrase, whole
 * and then by shorter tails, each first as written and only then with its last word singular, and never
 * singular when WordNet knows the word as it is ("malinois", "Carduelis carduelis" stay whole); last, the
 * normalised text. A plural that is a lemma in its own right ("woods") keeps its singular's senses after
 * its own, as WordNet's morphology does.
 */
export async function readEntity(wordNet: WordNet, text: string): Promise<EntityReading> {
  const trimmed = text.trim();
  const words = entityPhrase(text);
  const phrase = words.join(' ');
  const base = { text: trimmed, phrase };
  const written = trimmed.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const whole = written === '' ? undefined : await wordNet.lemma(written);
  if (whole) return { ...base, ...(await withSingular(wordNet, whole)), how: 'written' };

  for (let start = 0; start < words.length; start++) {
    const tail = words.slice(start);
    const last = tail.at(-1) as string;
    const exact = await wordNet.lemma(tail.join(' '));
    if (exact) return { ...base, ...(await withSingular(wordNet, exact)), how: start === 0 ? 'written' : 'head' };
    const singular = singularise(last);
    const found = singular === last ? undefined : await wordNet.lemma([...tail.slice(0, -1), singular].join(' '));
    if (found) return { ...base, name: found.lemma, aliases: [], senses: found, how: start === 0 ? 'singular' : 'head' };
  }

  const normalised = normaliseEntity(text);
  const senses = normalised === '' ? undefined : await longestKnownTail(wordNet, normalised);
  if (senses) return { ...base, name: senses.lemma, aliases: [], senses, how: 'normalised' };
  return { ...base, name: normalised === '' ? written : normalised, aliases: [], how: null };
}

/** Whether two readings name the same thing: the same lemma, or one's singular alias. */
export function sameReading(first: EntityReading, second: EntityReading): boolean {
  const names = new Set([first.name, ...first.aliases].map(comparable));
  return [second.name, ...second.aliases].some((name) => names.has(comparable(name)));
}

/** Lemmas compare with hyphens and spaces alike ("t-shirt", "t shirt"). */
const comparable = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim();

async function withSingular(wordNet: WordNet, found: NounSenses): Promise<{ name: string; aliases: string[]; senses: NounSenses }> {
  const words = found.lemma.split(' ');
  const last = words.at(-1) as string;
  const singular = singularise(last);
  const other = singular === last ? undefined : await wordNet.lemma([...words.slice(0, -1), singular].join(' '));
  if (!other) return { name: found.lemma, aliases: [], senses: found };
  const seen = new Set(found.synsets.map((synset) => synset.offset));
  const extra = (list: NounSynset[]): NounSynset[] => list.filter((synset) => !seen.has(synset.offset));
  const senses = {
    lemma: found.lemma,
    synsets: [...found.synsets, ...extra(other.synsets)],
    frequent: [...found.frequent, ...extra(other.frequent)],
  };
  return { name: found.lemma, aliases: [other.lemma], senses };
}

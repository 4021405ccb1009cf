import type { LexiconEntry, NounLexicon } from '../lexicon/noun-lexicon.ts';
import { singularise } from './singularise.ts';

/** A name WordNet knows at the end of a noun phrase: where it starts, and its words as the label keeps them. */
export interface KnownName {
  start: number;
  words: string[];
}

/**
 * The longest tail of two words or more of a lowercase noun phrase that WordNet knows as a noun lemma: "white
 * shark", "great gray owl", "Great Pyrenees", "Carduelis carduelis". Its last word is made singular only when
 * the singular is a lemma too ("polar bears" -> "polar bear"); a name that merely ends in s stays whole. A
 * lemma opening with a describing word (`describes`: colour, size, age) is a name only when `isName` says
 * so; otherwise its words describe and a shorter tail is tried ("black cat" is no name here: see there).
 */
export function knownNameTail(words: readonly string[], describes: (word: string) => boolean, lexicon: NounLexicon): KnownName | undefined {
  for (let start = 0; start < words.length - 1; start++) {
    const tail = words.slice(start);
    const last = tail.at(-1) as string;
    const singular = [...tail.slice(0, -1), singularise(last)];
    const spellings = singular.at(-1) === last ? [tail] : [singular, tail];
    for (const candidate of spellings) {
      const entry = lemmaAsWritten(candidate.join(' '), lexicon);
      if (entry && (!describes(candidate[0] as string) || isName(entry, last, singular.at(-1) as string, lexicon))) {
        return { start, words: candidate };
      }
    }
  }
  return undefined;
}

/**
 * The lemma a phrase is, its words as written, joined by a space, a hyphen or an underscore, but never run
 * together: "a tom" is not "atom", nor "black bird" a blackbird.
 */
export function lemmaAsWritten(phrase: string, lexicon: NounLexicon): LexiconEntry | undefined {
  const entry = lexicon.lemma(phrase);
  const wordCount = (text: string) => text.split(/[\s_-]+/).filter((word) => word !== '').length;
  return entry && wordCount(entry.lemma) === wordCount(phrase) ? entry : undefined;
}

/**
 * Whether a lemma opening with a describing word is a name here. Describing words are read as description only
 * before a common noun (one WordNet's sense-tagged corpus has seen: "cat", "horse"): "blue darter" and "yellow
 * jacaranda" are names, since nobody describes a darter as blue. Before a common noun, see `namesAKindOf`.
 */
function isName(entry: LexiconEntry, head: string, singularHead: string, lexicon: NounLexicon): boolean {
  const common = [head, singularHead].some((word) => (lexicon.lemma(word)?.taggedSenses ?? 0) > 0);
  return !common || namesAKindOf(entry, head, singularHead);
}

/**
 * Whether a lemma opening with a describing word names something in its own right rather than describing its
 * last word: in one of its senses it is the usual name (the synset's first word: "black widow"), or the sense
 * holds the last word alone ("red panda" is also "panda"), or its definition names it ("white shark: large
 * aggressive shark", "nestling, baby bird: young bird not yet fledged"). "black cat" fails all three (WordNet's
 * fisher, "large dark brown North American arboreal carnivorous mammal"), and so does "white horse" (a whitecap,
 * a wave): in a photo those words describe a cat and a horse.
 */
function namesAKindOf(entry: LexiconEntry, head: string, singularHead: string): boolean {
  const mentionsHead = new RegExp(`(?:^|[^\\p{L}])(?:${escape(head)}|${escape(singularHead)})(?:e?s)?(?:$|[^\\p{L}])`, 'u');
  return entry
    .synsets()
    .some(
      (synset) =>
        synset.words[0] === entry.lemma ||
        synset.words.includes(head) ||
        synset.words.includes(singularHead) ||
        mentionsHead.test(synset.gloss.toLowerCase()),
    );
}

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

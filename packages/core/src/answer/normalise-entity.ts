import { cleanMarkup } from './clean-markup.ts';
import {
  DROPPABLE_ADJECTIVES,
  ING_MODIFIERS,
  ING_NOUNS,
  LEADING_QUALIFIERS,
  PARTICIPLE_PARTICLES,
  PHRASE_ENDERS,
  PROTECTED_COMPOUNDS,
} from './entity-vocabulary.ts';
import { knownNameTail, lemmaAsWritten } from './known-name.ts';
import { singularise } from './singularise.ts';
import { ENTITY_MAX_LENGTH } from './prompt.ts';
import { sharedNounLexicon, type NounLexicon } from '../lexicon/noun-lexicon.ts';

/** The most words a label keeps: enough for "hot air balloon" or "double decker bus", not for a sentence. */
export const ENTITY_MAX_WORDS = 4;
const MAX_PHRASE_WORDS = 30;

const QUALIFIER_PATTERN = new RegExp(`^(?:${LEADING_QUALIFIERS.join('|')})\\s+`);
/** Sentence and list punctuation (Latin and CJK), spaced dashes, and inline list numbers ("cat 2. sofa"). */
const CLAUSE_BREAK = /[\n.,;:!?…()[\]{}<>|。，、！？；：]|\s[-–—]+\s|\s\d+[.)](?=\s|$)/u;
const COLOUR_WORDS = 'black|white|brown|grey|gray|red|orange|yellow|green|blue|purple|pink|golden|silver|tan|cream';
/** The second half of hyphenated descriptions: "orange-colored", "long-haired", "medium-sized". */
const COLOUR_SUFFIXES = /^(?:colou?red|haired|furred|sized|toned)$/;
/** "glasses" alone are spectacles and stay plural; after these words they are drinking glasses. */
const DRINKING_GLASS_MODIFIERS = /^(?:wine|champagne|drinking|shot|beer|water|cocktail|martini|whiskey|whisky|empty|crystal)$/;

/**
 * Turns a noun phrase (or the start of a sentence) into a short lowercase label: "Two fluffy Puppies
 * playing on grass." -> "puppy". The steps, in order:
 * 1. drop markup, emoji and quotes, lowercase (locale-independent `toLowerCase`), keep non-ASCII letters;
 * 2. keep the text before the first sentence or list break;
 * 3. strip leading articles, quantifiers and picture words ("a", "two", "a group of", "a photo of");
 * 4. end the phrase at the first verb, preposition, conjunction or participle ("sitting", "curled up");
 * 5. keep a name WordNet knows whole: the longest tail of two words or more that is a noun lemma, singular
 *    when that is a lemma too ("white sharks" -> "white shark"), else as written ("Great Pyrenees", "Carduelis
 *    carduelis"); a lemma opening with a describing word counts only when it names a kind of its last word or
 *    is its meaning's usual name ("black widow"), not when the words merely describe ("black cat" is WordNet's
 *    fisher, a marten, but a model saying it means a cat that is black);
 * 6. drop leading colour/size/age/charm adjectives from a closed list ("small brown dog" -> "dog"), never the
 *    last word, never from the name of step 5 and never inside a listed compound; other modifiers stay
 *    ("fire truck", "wooden chair");
 * 7. without a name, singularise the head noun, the last word ("puppies" -> "puppy", "glass" stays), unless
 *    WordNet knows the word as written and not its singular ("malinois");
 * 8. keep at most the last 4 words and 40 characters (English noun phrases end in their head).
 * Returns '' when nothing is left. WordNet's noun index is read on the first call (about 20 ms), then kept.
 */
export function normaliseEntity(text: string): string {
  const lexicon = sharedNounLexicon();
  const { words } = phraseWords(text);
  const name = knownNameTail(words.map(withoutEdgePunctuation), isDroppable, lexicon);
  if (name) return capLength([...words.slice(leadingAdjectives(words, name.start), name.start), ...name.words]);
  const kept = words.slice(leadingAdjectives(words, words.length - 1));
  const head = kept.at(-1);
  if (head !== undefined) kept[kept.length - 1] = singulariseHead(head, kept.at(-2), lexicon);
  return capLength(kept);
}

/**
 * Steps 1 to 4 of `normaliseEntity`: the noun phrase the text names, lowercase, with every word the speaker
 * gave it ("two white sharks swimming" -> ["white", "sharks"]). The WordNet judge looks this up before any
 * adjective is dropped or the head singularised, since "white shark" and "Great Pyrenees" are names.
 */
export function entityPhrase(text: string): string[] {
  return phraseWords(text)
    .words.map(withoutEdgePunctuation)
    .filter((word) => word !== '');
}

/**
 * The same noun phrase with the speaker's capitals ("two Great Pyrenees dogs" -> "Great Pyrenees dogs"): what
 * a model named, before any word was dropped or changed, kept beside the label it normalises to.
 */
export function namedPhrase(text: string): string {
  return phraseWords(text)
    .written.map(withoutEdgePunctuation)
    .filter((word) => word !== '')
    .join(' ');
}

/** Edge punctuation ("cat!", "(dog") is never part of a name. */
const withoutEdgePunctuation = (word: string): string => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/** Steps 1 to 4, lowercase (`words`) and as written (`written`), word for word. */
function phraseWords(text: string): { words: string[]; written: string[] } {
  const firstClause = cleanMarkup(text).trim().split(CLAUSE_BREAK)[0] ?? '';
  const joined = firstClause
    // "black and white cat": the colours describe one animal, they are not a list of two things
    .replace(new RegExp(`\\b(${COLOUR_WORDS})\\s+and\\s+(${COLOUR_WORDS})\\b`, 'gi'), '$1-and-$2');
  // No noun phrase runs to 30 words; the cap keeps a degenerate answer ("very very very ...") linear.
  // Lowercasing never adds or removes a space, so both lists keep the same words at the same places.
  const written = joined
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, MAX_PHRASE_WORDS);
  const lower = written.map((word) => word.toLowerCase());
  const lexicon = sharedNounLexicon();
  const start = lower.length - stripQualifiers(lower, lexicon).length;
  const rest = lower.slice(start);
  // A name WordNet knows whole keeps its "of" or "-ing" ("camphorated tincture of opium", "painted greenling").
  const words = isWholeName(rest.join(' '), lexicon) ? rest : cutAtClause(rest);
  return { words, written: written.slice(start, start + words.length) };
}

/**
 * Whether a short phrase of several words is, as written, a noun lemma: a name to keep whole. Its spaces must be
 * WordNet's too: "a line" is no "A-line" skirt.
 */
function isWholeName(phrase: string, lexicon: NounLexicon): boolean {
  const words = phrase.split(' ');
  if (words.length < 2 || words.length > ENTITY_MAX_WORDS) return false;
  const written = withoutEdgePunctuation(phrase);
  return lemmaAsWritten(written, lexicon)?.lemma === written;
}

function singulariseHead(head: string, modifier: string | undefined, lexicon: NounLexicon): string {
  if (head === 'glasses' && modifier !== undefined && DRINKING_GLASS_MODIFIERS.test(modifier)) return 'glass';
  const singular = singularise(head);
  if (singular === head) return head;
  // A name that only looks plural ("malinois", "chamois") stays as WordNet writes it.
  return lexicon.lemma(head) !== undefined && lexicon.lemma(singular) === undefined ? head : singular;
}

function stripQualifiers(words: string[], lexicon: NounLexicon): string[] {
  let phrase = words.join(' ');
  for (;;) {
    // A name that opens with a number or an article ("two-year-old", "a cappella") is no quantity.
    const length = isWholeName(phrase, lexicon) ? 0 : leadingQualifierLength(phrase);
    // Only while a word remains: "one" or "the" alone is what the model said, not a prefix.
    if (length === 0 || length >= phrase.length) return phrase === '' ? [] : phrase.split(' ');
    phrase = phrase.slice(length);
  }
}

/** An adjective goes with a qualifier it precedes: "black-and-white photo of", "large group of". */
function leadingQualifierLength(phrase: string): number {
  const direct = QUALIFIER_PATTERN.exec(phrase);
  if (direct) return direct[0].length;
  const [first = '', ...rest] = phrase.split(' ');
  const afterAdjective = isDroppable(first) ? QUALIFIER_PATTERN.exec(rest.join(' ')) : null;
  return afterAdjective ? first.length + 1 + afterAdjective[0].length : 0;
}

function cutAtClause(words: string[]): string[] {
  for (let index = 1; index < words.length; index++) {
    const word = words[index] ?? '';
    const next = words[index + 1];
    if (PHRASE_ENDERS.has(word)) return words.slice(0, index);
    if (isParticiple(word, next)) return words.slice(0, index);
  }
  return words;
}

/** Whether `word` starts a participle clause: "two puppies playing", "a cat curled up", not "sleeping bag". */
function isParticiple(word: string, next: string | undefined): boolean {
  if (word.length >= 5 && word.endsWith('ing') && !ING_NOUNS.has(word)) {
    const nounFollows = next !== undefined && !PHRASE_ENDERS.has(next) && !QUALIFIER_PATTERN.test(`${next} x`);
    return !(ING_MODIFIERS.has(word) && nounFollows);
  }
  return word.length >= 5 && word.endsWith('ed') && next !== undefined && PARTICIPLE_PARTICLES.has(next);
}

/** How many listed adjectives open the phrase, before `keepFrom` (the head, or the name WordNet knows). */
function leadingAdjectives(words: string[], keepFrom: number): number {
  let start = 0;
  while (start < keepFrom && isDroppable(words[start] ?? '')) {
    const rest = words.slice(start).join(' ');
    if (PROTECTED_COMPOUNDS.some((name) => rest === name || rest.startsWith(`${name} `))) break;
    start++;
  }
  return start;
}

/** A listed adjective, or a hyphenated one made of them ("black-and-white", "light-brown", "orange-colored"). */
function isDroppable(word: string): boolean {
  if (DROPPABLE_ADJECTIVES.has(word)) return true;
  const parts = word.split('-');
  return (
    parts.length > 1 &&
    parts.every((part, index) => DROPPABLE_ADJECTIVES.has(part) || part === 'and' || (index > 0 && COLOUR_SUFFIXES.test(part)))
  );
}

function capLength(words: string[]): string {
  let kept = words.slice(-ENTITY_MAX_WORDS);
  while (kept.length > 1 && kept.join(' ').length > ENTITY_MAX_LENGTH) kept = kept.slice(1);
  const label = kept.join(' ').slice(0, ENTITY_MAX_LENGTH);
  // Leftover edge punctuation ("cat!", "-dog") is never part of a name.
  return label.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

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
import { singularise } from './singularise.ts';
import { ENTITY_MAX_LENGTH } from './prompt.ts';

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
 * 5. drop leading colour/size/age/charm adjectives from a closed list ("small brown dog" -> "dog"), never the
 *    last word and never inside a known name ("red panda"); other modifiers stay ("fire truck", "teddy bear");
 * 6. singularise the head noun, the last word ("puppies" -> "puppy", "glass" stays);
 * 7. keep at most the last 4 words and 40 characters (English noun phrases end in their head).
 * Returns '' when nothing is left.
 */
export function normaliseEntity(text: string): string {
  const words = dropLeadingAdjectives(phraseWords(text));
  const head = words.at(-1);
  if (head !== undefined) words[words.length - 1] = singulariseHead(head, words.at(-2));
  return capLength(words);
}

/**
 * Steps 1 to 4 of `normaliseEntity`: the noun phrase the text names, lowercase, with every word the speaker
 * gave it ("two white sharks swimming" -> ["white", "sharks"]). The WordNet judge looks this up before any
 * adjective is dropped or the head singularised, since "white shark" and "Great Pyrenees" are names.
 */
export function entityPhrase(text: string): string[] {
  // Edge punctuation ("cat!", "(dog") is never part of a name.
  return phraseWords(text)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');
}

function phraseWords(text: string): string[] {
  const lowered = cleanMarkup(text).toLowerCase().trim();
  const firstClause = lowered.split(CLAUSE_BREAK)[0] ?? '';
  const joined = firstClause
    // "black and white cat": the colours describe one animal, they are not a list of two things
    .replace(new RegExp(`\\b(${COLOUR_WORDS})\\s+and\\s+(${COLOUR_WORDS})\\b`, 'g'), '$1-and-$2');
  // No noun phrase runs to 30 words; the cap keeps a degenerate answer ("very very very ...") linear.
  const phrase = joined
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, MAX_PHRASE_WORDS);
  return cutAtClause(stripQualifiers(phrase));
}

function singulariseHead(head: string, modifier: string | undefined): string {
  if (head === 'glasses' && modifier !== undefined && DRINKING_GLASS_MODIFIERS.test(modifier)) return 'glass';
  return singularise(head);
}

function stripQualifiers(words: string[]): string[] {
  let phrase = words.join(' ');
  for (;;) {
    const length = leadingQualifierLength(phrase);
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

function dropLeadingAdjectives(words: string[]): string[] {
  let start = 0;
  while (start < words.length - 1 && isDroppable(words[start] ?? '')) {
    const rest = words.slice(start).join(' ');
    if (PROTECTED_COMPOUNDS.some((name) => rest === name || rest.startsWith(`${name} `))) break;
    start++;
  }
  return words.slice(start);
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

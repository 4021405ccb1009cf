import type { NounSenses, WordNet } from './wordnet.ts';

/** Leading words of a definition that say how many, not what: "any of various", "a", "one of the". */
// prettier-ignore
const LEADING_WORDS = new Set([
  'a', 'an', 'the', 'any', 'one', 'some', 'each', 'either', 'all', 'of', 'various', 'several', 'numerous', 'many',
]);

/** Words that say which part or sort of a genus: "a piece of furniture" is furniture. */
const PARTITIVES = new Set(['piece', 'kind', 'type', 'sort', 'form', 'variety', 'breed', 'strain', 'species', 'member', 'article', 'item']);

/** Words after which a definition stops naming its genus: "a cat with a grey coat", "feline mammal usually...". */
// prettier-ignore
const GENUS_ENDERS = new Set([
  'of', 'in', 'on', 'at', 'with', 'without', 'that', 'which', 'who', 'whose', 'where', 'when', 'used', 'for',
  'from', 'by', 'to', 'as', 'and', 'or', 'but', 'especially', 'usually', 'typically', 'often', 'sometimes',
  'having', 'noted', 'characterized', 'resembling', 'like', 'found', 'native', 'living', 'made', 'consisting',
  'containing', 'related', 'similar', 'than', 'is', 'are', 'being',
]);

/**
 * The words naming a definition's genus, the thing it says the synset is: "young domestic cat" for "kitten",
 * "feline mammal" for "cat", "shrubs" for "frangipani". WordNet's hierarchy sometimes misses what its own
 * definition says (a kitten's hypernym is "young mammal"), so the genus is a second way to find a kind.
 */
export function glossGenus(gloss: string): string {
  const definition = (gloss.split(/[;:,(]/)[0] ?? '').toLowerCase().replace(/[^a-z0-9' -]/g, ' ');
  const words = definition.split(/\s+/).filter((word) => word !== '');
  let start = 0;
  for (;;) {
    while (start < words.length - 1 && LEADING_WORDS.has(words[start] ?? '')) start++;
    // "a piece of furniture", "a breed of dog": the genus is after the partitive.
    if (!PARTITIVES.has(words[start] ?? '') || words[start + 1] !== 'of' || start + 2 >= words.length) break;
    start += 2;
  }
  let end = start;
  while (end < words.length && !GENUS_ENDERS.has(words[end] ?? '')) end++;
  return words.slice(start, end).join(' ');
}

/** The senses of the longest tail of `phrase` WordNet knows: "young domestic cat" -> "domestic cat". */
export async function longestKnownTail(wordNet: WordNet, phrase: string): Promise<NounSenses | undefined> {
  const words = phrase.split(' ').filter((word) => word !== '');
  for (let start = 0; start < words.length; start++) {
    const senses = await wordNet.senses(words.slice(start).join(' '));
    if (senses) return senses;
  }
  return undefined;
}

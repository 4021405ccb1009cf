import { singularise } from '../answer/index.ts';

/** WordNet's own detachment rules for nouns (morph.c), tried when the word itself is not in the index. */
// prettier-ignore
const NOUN_SUFFIX_RULES: ReadonlyArray<readonly [string, string]> = [
  ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'], ['s', ''],
];

/** The index keys to try for a word or phrase: as written, hyphenated or not, then with its last word singular. */
export function lemmaCandidates(lemma: string): string[] {
  const key = lemma.trim().toLowerCase().replace(/\s+/g, '_');
  if (key === '') return [];
  const words = key.split('_');
  const last = words.at(-1) ?? '';
  const stem = words.slice(0, -1).join('_');
  const withLast = (word: string): string => (stem === '' ? word : `${stem}_${word}`);
  const singulars = [
    singularise(last),
    ...NOUN_SUFFIX_RULES.filter(([suffix]) => last.endsWith(suffix) && last.length > suffix.length + 1).map(
      ([suffix, replacement]) => last.slice(0, -suffix.length) + replacement,
    ),
  ];
  // Answers lose their hyphens on the way ("t shirt"); WordNet keeps some ("t-shirt") and splits others.
  const spellings = [key, key.replace(/-/g, '_'), key.replace(/_/g, '-')];
  return [...new Set([...spellings, ...singulars.map(withLast)])];
}

import { candidateSenses } from './sense-relation.ts';
import type { NounSenses, NounSynset, WordNet } from './wordnet.ts';

const PLANT_FILE = 20;

/**
 * Links people make that WordNet does not, applied only after WordNet found no relation and always named as
 * everyday usage in the explanation, so a reviewer can tell them apart. Each entry holds for the senses in
 * one lexicographer file only: "rose" the plant is a flower, "rose" the colour is not.
 *
 * - Flowers: WordNet files many garden flowers as shrubs, vines or herbs ("rose": a shrub; "tulip": a herb),
 *   apart from "flower", while a person calls the plant in bloom a flower.
 */
export const EVERYDAY_HYPERNYMS: ReadonlyArray<{ hypernym: string; lexFile: number; words: readonly string[] }> = [
  {
    hypernym: 'flower',
    lexFile: PLANT_FILE,
    words: [
      'rose',
      'tulip',
      'sunflower',
      'orchid',
      'lily',
      'daisy',
      'carnation',
      'peony',
      'lotus',
      'poppy',
      'dahlia',
      'hibiscus',
      'lavender',
      'magnolia',
      'iris',
      'daffodil',
      'marigold',
      'chrysanthemum',
      'hydrangea',
      'lilac',
      'jasmine',
      'violet',
      'pansy',
      'geranium',
      'camellia',
      'gardenia',
      'azalea',
      'rhododendron',
      'bougainvillea',
      'begonia',
      'petunia',
      'zinnia',
      'aster',
      'gerbera',
      'freesia',
      'anemone',
      'snapdragon',
      'foxglove',
      'crocus',
      'hyacinth',
      'narcissus',
      'water lily',
      'morning glory',
      'lupine',
      'cornflower',
      'bluebell',
    ],
  },
];

export interface EverydayRelation {
  /** The table's word, and the hypernym people give it: "rose", "flower". */
  word: string;
  hypernym: string;
  /** WordNet's path from the answer's sense up to the synset named `word` (one synset when the answer is it). */
  path: NounSynset[];
  labelSense: NounSynset;
}

/**
 * The answer, or a kind of something in the table (within `maxDepth` WordNet steps: "tea rose" -> "rose"),
 * is everyday-called the label: the table's hypernym is one of the label's senses.
 */
export async function everydayRelation(
  wordNet: WordNet,
  answer: NounSenses,
  label: NounSenses,
  maxDepth: number,
): Promise<EverydayRelation | undefined> {
  const labelIds = new Set(label.synsets.map((synset) => synset.offset));
  for (const entry of EVERYDAY_HYPERNYMS) {
    const hypernym = await wordNet.lemma(entry.hypernym);
    const labelSense = hypernym?.synsets.find((synset) => labelIds.has(synset.offset));
    if (!labelSense) continue;
    for (const sense of candidateSenses(answer).filter((synset) => synset.lexFile === entry.lexFile)) {
      const routes = [[sense], ...(await wordNet.hypernymClosure(sense.offset, maxDepth)).map((up) => up.path)];
      for (const path of routes) {
        const word = (path.at(-1) as NounSynset).words.find((name) => entry.words.includes(name));
        if (word !== undefined) return { word, hypernym: entry.hypernym, path, labelSense };
      }
    }
  }
  return undefined;
}

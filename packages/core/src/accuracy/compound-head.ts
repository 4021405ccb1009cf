import type { NounSenses, NounSynset, WordNet } from './wordnet.ts';

export interface CompoundRelation {
  /** The WordNet compound the answer is the distinctive word of: "labrador retriever" for "labrador". */
  compound: string;
  /** From the compound's sense up to the label's sense, both included (one synset when they are the same). */
  path: NounSynset[];
  labelSense: NounSynset;
}

/**
 * People shorten a breed or species named after a place or a person to that name: "a labrador" is a
 * Labrador retriever, "a gordon" a Gordon setter. The answer must be such a name: unknown to WordNet, or known
 * only as a proper name ("Labrador", the region); a common noun means itself ("eagle" is no Eagle Scout). The answer counts when it is one word and exactly one
 * WordNet compound starting with it as a proper name (WordNet writes it capitalised: "Labrador retriever";
 * not "Labrador Sea", which is no dog) is the label's sense or a kind of it within `maxDepth`. Two such
 * compounds ("German shepherd", "German short-haired pointer" under "dog") make the word ambiguous, and it
 * is not accepted. Lowercase modifiers describe rather than name ("rocking chair", "black-capped
 * chickadee"): "rocking" is not a chair. A word that names a thing of the compound's kind by itself means
 * that thing: "shetland" is the sheepdog, not short for "Shetland pony"; "manx" the cat, not the shearwater.
 * Only the label's frequent senses count.
 */
export async function compoundHeadRelation(
  wordNet: WordNet,
  answerPhrase: string,
  answerSenses: readonly NounSynset[],
  label: NounSenses,
  maxDepth: number,
): Promise<CompoundRelation | undefined> {
  if (answerPhrase === '' || /[\s_]/.test(answerPhrase)) return undefined;
  // A common noun means itself ("eagle", "rose"), not a name it starts ("Eagle Scout", "Rose Louise Hovick").
  if (answerSenses.some((synset) => !isProperName(synset, answerPhrase))) return undefined;
  const labelIds = new Set(label.frequent.map((synset) => synset.offset));
  const ownKinds = new Set(answerSenses.map((synset) => synset.lexFile));
  const found: CompoundRelation[] = [];
  for (const compound of await wordNet.compounds(answerPhrase)) {
    for (const synset of compound.synsets) {
      if (!namedAfter(synset, compound.lemma) || ownKinds.has(synset.lexFile)) continue;
      const path = labelIds.has(synset.offset) ? [synset] : await pathUp(wordNet, synset, labelIds, maxDepth);
      if (path) {
        found.push({ compound: compound.lemma, path, labelSense: path.at(-1) as NounSynset });
        break;
      }
    }
  }
  // One compound may hold several senses ("Jerusalem thorn": two shrubs); two compounds are two names.
  return found.length === 1 ? found[0] : undefined;
}

/** Whether the synset writes `lemma` with a capital: "Labrador retriever", a proper name, not "rocking chair". */
function namedAfter(synset: NounSynset, lemma: string): boolean {
  const index = synset.words.indexOf(lemma);
  const written = index === -1 ? '' : (synset.written[index] ?? '');
  return /^\p{Lu}/u.test(written);
}

/** Whether the synset holds `word` as a proper name ("Labrador", the region), or not at all (a lemma found by its plural). */
function isProperName(synset: NounSynset, word: string): boolean {
  return !synset.words.includes(word) || namedAfter(synset, word);
}

async function pathUp(
  wordNet: WordNet,
  synset: NounSynset,
  targets: ReadonlySet<number>,
  maxDepth: number,
): Promise<NounSynset[] | undefined> {
  const ancestors = await wordNet.hypernymClosure(synset.offset, maxDepth);
  return ancestors.find((ancestor) => targets.has(ancestor.synset.offset))?.path;
}

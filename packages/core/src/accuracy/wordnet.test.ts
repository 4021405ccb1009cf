import { describe, expect, it } from 'vitest';
import { createWordNet } from './wordnet.ts';

describe('createWordNet', () => {
  it("finds a word's noun synsets, most frequent first, with their words and definition", async () => {
    const wordNet = createWordNet();
    const [airplane, ...others] = await wordNet.synsets('aeroplane');
    expect(others).toEqual([]);
    expect(airplane?.words).toEqual(['airplane', 'aeroplane', 'plane']);
    expect(airplane?.gloss).toBe('an aircraft that has a fixed wing and is powered by propellers or jets');
    expect(await wordNet.gloss(airplane?.offset ?? 0)).toBe(airplane?.gloss);
    await wordNet.close();
  });

  it('marks the senses seen in the tagged corpus as frequent, or all when none was seen', async () => {
    const wordNet = createWordNet();
    const cat = await wordNet.senses('cat');
    expect(cat?.synsets).toHaveLength(8);
    expect(cat?.frequent.map((synset) => synset.words[0])).toEqual(['cat']);
    expect((await wordNet.senses('seashore'))?.frequent.map((synset) => synset.words)).toEqual([
      ['seashore', 'coast', 'seacoast', 'sea-coast'],
    ]);
    await wordNet.close();
  });

  it('finds plurals and phrases, and nothing for unknown words', async () => {
    const wordNet = createWordNet();
    expect((await wordNet.senses('Kittens'))?.lemma).toBe('kitten');
    expect((await wordNet.senses('golden retrievers'))?.lemma).toBe('golden retriever');
    expect((await wordNet.senses('women'))?.lemma).toBe('woman');
    expect((await wordNet.senses('glasses'))?.lemma).toBe('glasses');
    expect(await wordNet.synsets('zorblax')).toEqual([]);
    expect(await wordNet.synsets('   ')).toEqual([]);
    await wordNet.close();
  });

  it('finds a lemma exactly as WordNet writes it, whatever the spacing and hyphens, and never singularises it', async () => {
    const wordNet = createWordNet();
    expect((await wordNet.lemma('Great Pyrenees'))?.lemma).toBe('great pyrenees');
    expect((await wordNet.lemma('malinois'))?.lemma).toBe('malinois');
    expect((await wordNet.lemma('red breasted merganser'))?.lemma).toBe('red-breasted merganser');
    expect((await wordNet.lemma('t shirt'))?.lemma).toBe('t-shirt');
    expect((await wordNet.lemma('sun flower'))?.lemma).toBe('sunflower');
    expect(await wordNet.lemma('retrievers')).toBeUndefined();
    await wordNet.close();
  });

  it('lists the compounds a word starts, with their senses and capitals as WordNet writes them', async () => {
    const wordNet = createWordNet();
    const compounds = await wordNet.compounds('Labrador');
    expect(compounds.map((compound) => compound.lemma)).toEqual([
      'labrador peninsula',
      'labrador retriever',
      'labrador sea',
      'labrador tea',
    ]);
    expect(compounds[1]?.synsets[0]?.written).toEqual(['Labrador retriever']);
    expect(await wordNet.compounds('zorblax')).toEqual([]);
    expect(await wordNet.compounds('golden retriever')).toEqual([]);
    await wordNet.close();
  });

  it('walks hypernyms up to a depth, nearest first, with the path to each', async () => {
    const wordNet = createWordNet();
    const [tabby] = await wordNet.synsets('tabby');
    const ancestors = await wordNet.hypernymClosure(tabby?.offset ?? 0, 2);
    expect(ancestors.map((ancestor) => [ancestor.depth, ancestor.synset.words[0]])).toEqual([
      [1, 'domestic cat'],
      [2, 'cat'],
      [2, 'domestic animal'],
    ]);
    expect(ancestors[1]?.path.map((synset) => synset.words[0])).toEqual(['tabby', 'domestic cat', 'cat']);
    await wordNet.close();
  });

  it('reads a synset line longer than the first read ("woman" has 67 pointers)', async () => {
    const wordNet = createWordNet();
    const [woman] = await wordNet.synsets('woman');
    expect(woman?.words).toEqual(['woman', 'adult female']);
    expect(woman?.gloss).toBe('an adult female person (as opposed to a man)');
    await wordNet.close();
  });

  it('climbs from a multi-word lemma to its ancestors on a first lookup', async () => {
    const wordNet = createWordNet();
    const [golden] = await wordNet.synsets('golden retriever');
    const ancestors = await wordNet.hypernymClosure(golden?.offset ?? 0, 6);
    expect(ancestors.flatMap((ancestor) => ancestor.synset.words)).toContain('dog');
    await wordNet.close();
  });

  it('says so when an offset is not the start of a synset', async () => {
    const wordNet = createWordNet();
    await expect(wordNet.synset(2124273)).rejects.toThrow("WordNet's data.noun has no synset at byte 2124273");
    await wordNet.close();
  });
});

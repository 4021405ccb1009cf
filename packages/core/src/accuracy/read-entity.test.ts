import { describe, expect, it } from 'vitest';
import { shortSense } from './explain-judgement.ts';
import { lemmaSpellings } from '../lexicon/noun-index.ts';
import { readEntity, sameReading } from './read-entity.ts';
import { sharedWordNet } from './wordnet.ts';

const read = (text: string) => readEntity(sharedWordNet(), text);

describe('readEntity', () => {
  it.each([
    ['Great Pyrenees', 'great pyrenees', 'written'],
    ['a white shark', 'white shark', 'written'],
    ['Two golden retrievers playing', 'golden retriever', 'singular'],
    ['the kittens', 'kitten', 'singular'],
    ['fighter plane', 'plane', 'head'],
    ['small brown dog', 'dog', 'head'],
    ['T shirts', 't-shirt', 'singular'],
  ])('reads %j as %j (%s)', async (text, name, how) => {
    expect(await read(text)).toMatchObject({ name, how });
  });

  it('keeps the singular\'s senses after a plural that is a lemma in its own right ("woods")', async () => {
    const woods = await read('woods');
    expect(woods).toMatchObject({ name: 'woods', aliases: ['wood'], how: 'written' });
    expect(woods.senses?.synsets[0]?.words).toContain('woods');
    expect(woods.senses?.synsets.some((synset) => synset.words.includes('wood'))).toBe(true);
    expect(sameReading(woods, await read('wood'))).toBe(true);
  });

  it('falls back to the normalised text when WordNet knows no part of it', async () => {
    const unknown = await read('Zorblaxes!');
    expect(unknown).toMatchObject({ name: 'zorblax', how: null });
    expect(unknown.senses).toBeUndefined();
  });
});

describe('lemmaSpellings', () => {
  it('tries the phrase as written, then every mix of underscores and hyphens, then the words run together', () => {
    expect(lemmaSpellings('Red breasted  Merganser')).toEqual([
      'red_breasted_merganser',
      'red_breasted-merganser',
      'red-breasted_merganser',
      'red-breasted-merganser',
      'redbreastedmerganser',
    ]);
    expect(lemmaSpellings('malinois')).toEqual(['malinois']);
    expect(lemmaSpellings('  ')).toEqual([]);
  });
});

describe('shortSense', () => {
  it('names a sense by its definition when short, or up to where its details begin', () => {
    expect(shortSense('small stocky diving bird without webbed feet; frequents fast-flowing streams')).toBe(
      'small stocky diving bird without webbed feet',
    );
    expect(
      shortSense('a breed of stocky medium-sized short-haired dog with a brindled coat and square-jawed muzzle developed in Germany'),
    ).toBe('a breed of stocky medium-sized short-haired dog');
  });
});

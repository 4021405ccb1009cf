import { describe, expect, test } from 'vitest';
import { ENTITY_MAX_WORDS, namedPhrase, normaliseEntity } from './normalise-entity.ts';

describe('normaliseEntity', () => {
  test.each([
    ['trims and lowercases', '  Cat  ', 'cat'],
    ['strips trailing punctuation', 'Cat.', 'cat'],
    ['strips an exclamation mark', 'Dog!', 'dog'],
    ['strips straight and curly quotes', '“cat”', 'cat'],
    ['strips single quotes but keeps an inner apostrophe', "'jack-o'-lantern'", "jack-o'-lantern"],
    ['strips markdown bold', '**Cat**', 'cat'],
    ['strips markdown italics and code ticks', '_`cat`_', 'cat'],
    ['strips emoji', '🐶 Dog 🐾', 'dog'],
    ['strips a skin-tone emoji sequence', 'Woman 👩🏽‍💻', 'woman'],
    ['strips "a"', 'a cat', 'cat'],
    ['strips "an"', 'an owl', 'owl'],
    ['strips "the"', 'The lighthouse', 'lighthouse'],
    ['strips a number word', 'two dogs', 'dog'],
    ['strips "a couple of" but keeps a couple', 'a couple of ducks', 'duck'],
    ['keeps a couple as the entity', 'a young couple walking on the beach', 'couple'],
    ['strips digits', '3 kittens', 'kitten'],
    ['strips "some"', 'some apples', 'apple'],
    ['strips "several"', 'several birds', 'bird'],
    ['strips "a group of"', 'a group of people', 'person'],
    ['strips "a pair of"', 'a pair of shoes', 'shoe'],
    ['strips "a close-up of"', 'a close-up of a bee', 'bee'],
    ['strips "a close up of" without the hyphen', 'A close up of a bee', 'bee'],
    ['strips "a photo of"', 'a photo of a horse', 'horse'],
    ['strips "an image of"', 'an image of a train', 'train'],
    ['strips "a picture of"', 'a picture of a boat', 'boat'],
    ['strips stacked qualifiers', 'a close-up photo of two puppies', 'puppy'],
    ['strips an adjective before a qualifier', 'a black and white photo of a dog', 'dog'],
    ['strips hedges', 'probably a raccoon', 'raccoon'],
    ['drops a colour adjective', 'black cat', 'cat'],
    ['drops size and colour adjectives', 'small brown dog', 'dog'],
    ['drops age and charm adjectives', 'a cute fluffy young kitten', 'kitten'],
    ['drops a hyphenated colour', 'a black-and-white cow', 'cow'],
    ['drops "black and white" written as words', 'a black and white cat', 'cat'],
    ['drops a colour with -colored', 'an orange-colored fish', 'fish'],
    ['keeps a compound noun', 'fire truck', 'fire truck'],
    ['keeps teddy bear', 'a teddy bear', 'teddy bear'],
    ['keeps a three-word compound', 'a hot air balloon', 'hot air balloon'],
    ['keeps a non-listed modifier', 'a wooden chair', 'wooden chair'],
    ['keeps a colour that is part of a name', 'a red panda', 'red panda'],
    ['keeps golden retriever', 'Golden Retriever', 'golden retriever'],
    ['keeps a lone adjective rather than returning nothing', 'black', 'black'],
    ['keeps a lone qualifier rather than returning nothing', 'one', 'one'],
    ['cuts at a participle', 'two puppies playing', 'puppy'],
    ['cuts at a participle with an object', 'a man riding a horse', 'man'],
    ['cuts at a past participle followed by a particle', 'a cat curled up on a rug', 'cat'],
    ['cuts at a preposition', 'a bird in the sky', 'bird'],
    ['cuts at "with"', 'a woman with an umbrella', 'woman'],
    ['cuts at "and"', 'a cat and a dog', 'cat'],
    ['cuts at "of" after the qualifiers', 'a statue of a lion', 'statue'],
    ['cuts at a relative pronoun', 'a dog that is barking', 'dog'],
    ['cuts at a comma', 'cat, sofa, pillow', 'cat'],
    ['cuts at a parenthesis', 'dog (golden retriever)', 'dog'],
    ['cuts at a spaced dash', 'cactus - a desert plant', 'cactus'],
    ['cuts at the first line', 'cat\nsofa', 'cat'],
    ['cuts at an inline list number', 'cat 2. sofa', 'cat'],
    ['keeps an -ing noun', 'a tall building', 'building'],
    ['keeps an -ing modifier before its noun', 'a sleeping bag', 'sleeping bag'],
    ['keeps a wedding cake whole', 'a wedding cake', 'wedding cake'],
    ['keeps non-ASCII letters and lowercases them', 'Кошка', 'кошка'],
    ['keeps accents', 'CAFÉ', 'café'],
    ['composes decomposed accents', 'cafe\u0301', 'café'],
    ['keeps CJK text', '猫', '猫'],
    ['cuts at CJK punctuation', '猫。沙发', '猫'],
    ['keeps spectacles plural', 'glasses', 'glasses'],
    ['singularises drinking glasses', 'two wine glasses', 'wine glass'],
    ['returns empty for punctuation only', '...', ''],
    ['returns empty for an empty string', '', ''],
  ])('%s: %j -> %j', (_name, input, expected) => {
    expect(normaliseEntity(input)).toBe(expected);
  });

  test('keeps the last four words of a long noun phrase', () => {
    expect(normaliseEntity('a big red double decker london bus')).toBe('double decker london bus');
    expect(ENTITY_MAX_WORDS).toBe(4);
  });

  test('keeps at most 40 characters, dropping leading words first', () => {
    const entity = normaliseEntity('an antique handcrafted mahogany-veneered grandfather clock');
    expect(entity).toBe('mahogany-veneered grandfather clock');
  });

  test('truncates a single word longer than 40 characters', () => {
    const entity = normaliseEntity('pneumonoultramicroscopicsilicovolcanoconiosis');
    expect(entity).toHaveLength(40);
  });

  test('lowercases without the locale: a Turkish capital I becomes i with a combining dot everywhere', () => {
    expect(normaliseEntity('Istanbul')).toBe('istanbul');
    expect(normaliseEntity('İzmir')).toBe('i\u0307zmir');
  });

  describe('keeps a name WordNet knows whole', () => {
    test.each([
      ['a colour in a species name', 'A white shark.', 'white shark'],
      ['a plural species name, made singular', 'two white sharks swimming', 'white shark'],
      ['three words, size and colour included', 'a great gray owl', 'great gray owl'],
      ['"grey" spelled the British way, in the plural', 'Great Grey Owls', 'great grey owl'],
      ['polar bear', 'a polar bear on the ice', 'polar bear'],
      ['a name that is no kind of its last word', 'black widow', 'black widow'],
      ['a name ending in s, never singularised', 'Great Pyrenees', 'great pyrenees'],
      ['a binomial whose epithet ends in s', 'Carduelis carduelis', 'carduelis carduelis'],
      ['a binomial ending in -is', 'Triturus vulgaris', 'triturus vulgaris'],
      ['a one-word name that only looks plural', 'a Malinois', 'malinois'],
      ['describing words before a name', 'a cute little polar bear', 'polar bear'],
      ['a name before another head noun', 'two Great Pyrenees dogs', 'great pyrenees dog'],
      ['a colour before a rare noun: nobody describes a darter as blue', 'a blue darter', 'blue darter'],
      ['a lemma opening with a number', 'a two year old', 'two year old'],
      ['a lemma holding "of"', 'camphorated tincture of opium', 'camphorated tincture of opium'],
      ['a lemma ending in -ing, no participle', 'a painted greenling', 'painted greenling'],
    ])('%s: %j -> %j', (_name, input, expected) => {
      expect(normaliseEntity(input)).toBe(expected);
    });
  });

  describe('drops words that only describe', () => {
    test.each([
      ['size and colour', 'small brown dog', 'dog'],
      ['a number, then the plural', 'two puppies', 'puppy'],
      ['a colour lemma meaning something else (WordNet: black cat, the fisher)', 'a black cat', 'cat'],
      ['the same, in the plural', 'two black cats on a sofa', 'cat'],
      ['a colour lemma that is a wave (whitecap)', 'a white horse', 'horse'],
      ['an article is never run into the word ("atom")', 'A tom.', 'tom'],
      ['an article is no hyphenated name ("A-line")', 'A line.', 'line'],
    ])('%s: %j -> %j', (_name, input, expected) => {
      expect(normaliseEntity(input)).toBe(expected);
    });
  });

  test.each([
    ['keeps the capitals and the plural', 'Two Great Pyrenees dogs playing.', 'Great Pyrenees dogs'],
    ['keeps describing words', 'A small brown dog sitting on grass', 'small brown dog'],
    ['reads JSON-ish quotes and markup away', '**“Carduelis carduelis”**', 'Carduelis carduelis'],
    ['is empty when nothing is named', '...', ''],
  ])('namedPhrase %s: %j -> %j', (_name, input, expected) => {
    expect(namedPhrase(input)).toBe(expected);
  });
});

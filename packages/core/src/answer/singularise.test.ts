import { describe, expect, test } from 'vitest';
import { singularise } from './singularise.ts';

describe('singularise', () => {
  test.each([
    ['dogs', 'dog'],
    ['cats', 'cat'],
    ['puppies', 'puppy'],
    ['butterflies', 'butterfly'],
    ['strawberries', 'strawberry'],
    ['boxes', 'box'],
    ['foxes', 'fox'],
    ['benches', 'bench'],
    ['peaches', 'peach'],
    ['beaches', 'beach'],
    ['dishes', 'dish'],
    ['dresses', 'dress'],
    ['quizzes', 'quiz'],
    ['waltzes', 'waltz'],
    ['leaves', 'leaf'],
    ['wolves', 'wolf'],
    ['knives', 'knife'],
    ['shelves', 'shelf'],
    ['tomatoes', 'tomato'],
    ['potatoes', 'potato'],
    ['pianos', 'piano'],
    ['photos', 'photo'],
    ['monkeys', 'monkey'],
    ['taxis', 'taxi'],
    ['kiwis', 'kiwi'],
    ['bananas', 'banana'],
    ['buses', 'bus'],
    ['lenses', 'lens'],
    ['cactuses', 'cactus'],
    ['octopuses', 'octopus'],
    ['viruses', 'virus'],
    ['circuses', 'circus'],
    ['t-shirts', 't-shirt'],
  ])('makes the regular plural %s singular: %s', (plural, singular) => {
    expect(singularise(plural)).toBe(singular);
  });

  test.each([
    ['people', 'person'],
    ['children', 'child'],
    ['mice', 'mouse'],
    ['geese', 'goose'],
    ['teeth', 'tooth'],
    ['feet', 'foot'],
    ['men', 'man'],
    ['women', 'woman'],
    ['oxen', 'ox'],
    ['cacti', 'cactus'],
    ['firemen', 'fireman'],
    ['snowmen', 'snowman'],
    ['grandchildren', 'grandchild'],
    ['townspeople', 'townsperson'],
  ])('maps the irregular plural %s to %s', (plural, singular) => {
    expect(singularise(plural)).toBe(singular);
  });

  test.each([
    ['an -e noun whose plural ends in -ses', 'houses', 'house'],
    ['an -e noun after r', 'horses', 'horse'],
    ['an -e noun after s', 'vases', 'vase'],
    ['an -ie noun', 'cookies', 'cookie'],
    ['a short -ie noun', 'pies', 'pie'],
    ['an -ie dog breed', 'collies', 'collie'],
    ['an -o noun with a plain s', 'shoes', 'shoe'],
    ['an -ve noun that is not -f', 'olives', 'olive'],
    ['a -che noun', 'niches', 'niche'],
    ['an -ache noun', 'headaches', 'headache'],
    ['a moustache', 'moustaches', 'moustache'],
  ])('drops only the s of %s', (_name, plural, singular) => {
    expect(singularise(plural)).toBe(singular);
  });

  test.each([
    'glass',
    'bus',
    'species',
    'series',
    'news',
    'grass',
    'dress',
    'lens',
    'cactus',
    'octopus',
    'analysis',
    'chess',
    'iris',
    'tennis',
    'axis',
    'bronchitis',
    'canvas',
    'gas',
    'atlas',
    'rhinoceros',
    'sheep',
    'deer',
    'fish',
    'moose',
    'cattle',
    'jeans',
    'pants',
    'scissors',
    'glasses',
    'sunglasses',
    'headphones',
    'specimen',
    'ramen',
    'cat',
    'dog',
    'walrus',
    'hummus',
    'asparagus',
  ])('leaves %s unchanged', (word) => {
    expect(singularise(word)).toBe(word);
  });

  test('removes a possessive s', () => {
    expect(singularise("cat's")).toBe('cat');
  });

  test('leaves non-ASCII words alone, whatever their ending', () => {
    expect(singularise('кошки')).toBe('кошки');
    expect(singularise('cafés')).toBe('cafés');
  });

  test('leaves words of three letters or fewer alone, except listed irregulars', () => {
    expect(singularise('yes')).toBe('yes');
    expect(singularise('its')).toBe('its');
    expect(singularise('men')).toBe('man');
  });
});

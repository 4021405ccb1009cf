import { describe, expect, it } from 'vitest';
import { glossGenus } from './gloss-head.ts';

describe('glossGenus', () => {
  it.each([
    ['young domestic cat', 'young domestic cat'],
    ['feline mammal usually having thick soft fur', 'feline mammal'],
    ['any of various shrubs', 'shrubs'],
    ['a piece of furniture having a smooth flat top', 'furniture'],
    ['a breed of stocky medium-sized short-haired dog with a brindled coat', 'stocky medium-sized short-haired dog'],
    ['one of a kind of large hawks', 'large hawks'],
  ])('finds the genus of %j: %j', (gloss, genus) => {
    expect(glossGenus(gloss)).toBe(genus);
  });
});

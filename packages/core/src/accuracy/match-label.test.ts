import { validPhotos } from '@vision/testkit';
import { describe, expect, it } from 'vitest';
import { judgeAnswer, sameEntity, type Judgement, type JudgementKind } from './match-label.ts';

type Row = [answer: string, label: string | string[], correct: boolean, kind: JudgementKind];

async function expectJudgement([answer, label, correct, kind]: Row): Promise<void> {
  const judgement = await judgeAnswer(answer, label);
  expect({ answer, label, correct: judgement.correct, kind: judgement.kind }).toEqual({ answer, label, correct, kind });
}

describe('judgeAnswer', () => {
  it.each<Row>([
    // WordNet's "black cat" is the fisher, a marten; said of a photo, the words describe a cat.
    ['a black cat', 'cat', true, 'normalised'],
    ['two black cats', 'cat', true, 'normalised'],
    ['black cat', 'fisher', true, 'synonym'],
    ['a white horse', 'horse', true, 'normalised'],
    ['black cat', 'dog', false, 'wrong'],
    ['white shark', 'shark', true, 'hyponym'],
  ])('judges a phrase that is both a name and a description, %j against %j: correct %s (%s)', (...row) => expectJudgement(row));

  it.each<Row>([
    ['cat', 'cat', true, 'exact'],
    ['Cat', 'cat', true, 'normalised'],
    ['A cat.', 'cat', true, 'normalised'],
    ['cats', 'cat', true, 'normalised'],
    ['cat', 'Cats', true, 'normalised'],
    ['the kittens', 'cat', true, 'gloss'],
    ['kitten', 'cat', true, 'gloss'],
    ['tabby', 'cat', true, 'hyponym'],
    ['dog', 'cat', false, 'wrong'],
    ['animal', 'cat', false, 'wrong'],
  ])('judges %j against %j: correct %s (%s)', (...row) => expectJudgement(row));

  it.each<Row>([
    ['aeroplane', 'airplane', true, 'synonym'],
    ['plane', 'airplane', true, 'synonym'],
    ['jet', 'airplane', true, 'hyponym'],
    ['fighter plane', 'airplane', true, 'synonym'],
    ['aircraft', 'airplane', false, 'wrong'],
    ['aircraft', ['airplane', 'aircraft', 'plane'], true, 'exact'],
    ['aircraft', 'airplane|aircraft', true, 'exact'],
    ['puppy', 'dog', true, 'hyponym'],
    ['golden retriever', 'dog', true, 'hyponym'],
    ['Two golden retrievers', 'dog', true, 'hyponym'],
    ['stuffed dog', 'dog', true, 'normalised'],
    ['tee shirt', 't-shirt', true, 'synonym'],
    ['T shirts', 't-shirt', true, 'normalised'],
    ['wolf', 'dog', false, 'wrong'],
    ['seashore', 'beach', true, 'holonym'],
    ['shore', 'beach', true, 'holonym'],
    ['coast', 'beach', true, 'holonym'],
    ['beach', 'coast', true, 'holonym'],
    ['sand', 'beach', false, 'wrong'],
    ['sea', 'beach', false, 'wrong'],
    ['frangipani', 'flower', true, 'gloss'],
    ['plumeria', 'flower', true, 'gloss'],
    ['daisy', 'flower', true, 'hyponym'],
    ['oak', 'flower', false, 'wrong'],
    ['vase', 'flower', false, 'wrong'],
    ['hawk', 'bird', true, 'hyponym'],
    ['eagle', 'bird', true, 'hyponym'],
    ['owl', 'bird', true, 'hyponym'],
    ['primate', 'monkey', false, 'wrong'],
    ['ape', 'monkey', false, 'wrong'],
    ['ape', ['monkey', 'primate'], true, 'hyponym'],
    ['macaque', 'monkey', true, 'hyponym'],
    ['lady', 'woman', true, 'hyponym'],
    ['girl', 'woman', true, 'hyponym'],
    ['person', 'woman', false, 'wrong'],
    ['man', 'woman', false, 'wrong'],
    ['woman', 'person', true, 'hyponym'],
  ])('judges %j against %j: correct %s (%s)', (...row) => expectJudgement(row));

  it('reads an answer in its frequent senses only: "cat" is not "a spiteful woman gossip"', async () => {
    await expectJudgement(['cat', 'woman', false, 'wrong']);
  });

  it('takes a label in any sense, and says which when it is not the usual one', async () => {
    expect(await judgeAnswer('computer mouse', 'mouse')).toMatchObject({
      correct: true,
      kind: 'synonym',
      explanation:
        'computer mouse is another word for mouse, taking mouse as "a hand-operated electronic device that controls the coordinates of a cursor on your computer screen as you move it around on a pad; on the bottom of the device is a ball that rolls on the surface of the pad"',
    });
  });

  it('explains each judgement in one sentence', async () => {
    const explain = async (answer: string, label: string | string[]): Promise<string> => (await judgeAnswer(answer, label)).explanation;
    expect(await explain('cat', 'cat')).toBe('cat is cat');
    expect(await explain('A cat.', 'cat')).toBe('"A cat." reads as cat');
    expect(await explain('the kittens', 'cat')).toBe('kitten is a kind of cat (WordNet: kitten — young domestic cat)');
    expect(await explain('tabby', 'cat')).toBe('tabby is a kind of cat (WordNet: tabby → domestic cat → cat)');
    expect(await explain('aeroplane', 'airplane')).toBe('aeroplane is another word for airplane');
    expect(await explain('golden retriever', 'dog')).toBe(
      'golden retriever is a kind of dog (WordNet: golden retriever → retriever → sporting dog → hunting dog → dog)',
    );
    expect(await explain('fighter plane', 'airplane')).toBe('plane is another word for airplane (fighter plane read as plane)');
    expect(await explain('seashore', 'beach')).toBe(
      'seashore includes beach (WordNet: beach is part of shore; seashore is a kind of shore)',
    );
    expect(await explain('frangipani', 'flower')).toMatch(
      /^frangipani is a flowering plant \(WordNet: frangipani — any of various .* flowers\)$/,
    );
    expect(await explain('dog', 'cat')).toBe('dog is not cat');
    expect(await explain('animal', 'cat')).toBe('animal is broader than cat (cat is a kind of animal)');
    expect(await explain('dog', ['airplane', 'aircraft', 'plane'])).toBe('dog is not airplane, aircraft or plane');
    expect(await explain('zorblax', 'cat')).toBe('zorblax is not cat (zorblax is not in WordNet)');
    expect(await explain('  ', 'cat')).toBe('no answer');
    expect(await explain('cat', [])).toBe('there is no label to compare with');
  });

  it('does not accept a narrower term beyond the depth limit', async () => {
    expect((await judgeAnswer('golden retriever', 'dog', { maxDepth: 3 })).correct).toBe(false);
    expect((await judgeAnswer('golden retriever', 'dog', { maxDepth: 4 })).correct).toBe(true);
  });

  it.each(validPhotos().map((photo) => [photo.label, photo] as const))(
    'accepts the corpus label %j and each of its alternatives given with it',
    async (label, photo) => {
      expect(await judgeAnswer(label, label)).toMatchObject({ correct: true, kind: 'exact' });
      for (const answer of photo.alternatives) {
        expect({ answer, correct: (await judgeAnswer(answer, [label, ...photo.alternatives])).correct }).toEqual({ answer, correct: true });
      }
    },
  );

  /** The manifest's alternatives, judged against the main label alone: broader or neighbouring terms are not a kind of it. */
  const ALTERNATIVE_ALONE: Record<string, Pick<Judgement, 'correct' | 'kind'>> = {
    aircraft: { correct: false, kind: 'wrong' }, // broader than airplane
    plane: { correct: true, kind: 'synonym' },
    sea: { correct: false, kind: 'wrong' },
    ocean: { correct: false, kind: 'wrong' },
    primate: { correct: false, kind: 'wrong' }, // broader than monkey
    puppy: { correct: true, kind: 'hyponym' },
  };

  it.each(validPhotos().flatMap((photo) => photo.alternatives.map((answer) => [answer, photo.label] as const)))(
    'judges the corpus alternative %j against the label %j alone as the table says',
    async (answer, label) => {
      expect(ALTERNATIVE_ALONE[answer], `add ${answer} to ALTERNATIVE_ALONE`).toBeDefined();
      expect(await judgeAnswer(answer, label)).toMatchObject(ALTERNATIVE_ALONE[answer] ?? {});
    },
  );

  it('accepts the corpus answers a person would give for each photo', async () => {
    const byLabel = new Map(validPhotos().map((photo) => [photo.label, [photo.label, ...photo.alternatives]]));
    const answers: Array<[string, string]> = [
      ['aeroplane', 'airplane'],
      ['plane', 'airplane'],
      ['seashore', 'beach'],
      ['hawk', 'bird'],
      ['frangipani', 'flower'],
      ['lady', 'woman'],
      ['ape', 'monkey'],
      ['puppy', 'dog'],
    ];
    for (const [answer, label] of answers) {
      expect({ answer, correct: (await judgeAnswer(answer, byLabel.get(label) ?? label)).correct }).toEqual({ answer, correct: true });
    }
  });
});

describe('sameEntity', () => {
  it('treats normalised equals and WordNet synonyms as the same entity, and nothing broader', async () => {
    expect(await sameEntity('A Cat.', 'cats')).toBe(true);
    expect(await sameEntity('aeroplane', 'airplane')).toBe(true);
    expect(await sameEntity('tabby', 'cat')).toBe(false);
    expect(await sameEntity('dog', 'cat')).toBe(false);
    expect(await sameEntity('', '')).toBe(false);
  });
});

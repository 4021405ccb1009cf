import { describe, expect, it } from 'vitest';
import { judgeAnswer, sameEntity } from './match-label.ts';

const names = (path: ReadonlyArray<{ words: string[] }>): string[] => path.map((sense) => sense.words[0] ?? '');

describe("judgeAnswer reads WordNet's own names before normalising", () => {
  it('keeps a modifier that is part of a name: "white shark" is the great white shark, a kind of shark', async () => {
    expect(await judgeAnswer('white shark', 'great white shark')).toMatchObject({
      correct: true,
      kind: 'synonym',
      explanation: 'white shark is another word for great white shark',
    });
    expect(await judgeAnswer('white shark', 'shark')).toMatchObject({
      correct: true,
      kind: 'hyponym',
      explanation: 'white shark is a kind of shark (WordNet: white shark → mackerel shark → shark)',
    });
    expect(await judgeAnswer('shark', 'great white shark')).toMatchObject({
      correct: false,
      explanation: 'shark is broader than great white shark (great white shark is a kind of shark)',
    });
  });

  it('keeps "indigo finch" whole: a synonym of indigo bunting and a kind of bird', async () => {
    expect(await judgeAnswer('indigo finch', 'indigo bunting')).toMatchObject({ correct: true, kind: 'synonym' });
    expect(await judgeAnswer('Indigo finch', 'bird')).toMatchObject({ correct: true, kind: 'hyponym' });
  });

  it.each([
    ['Great Pyrenees', 'dog', 'great pyrenees'],
    ['malinois', 'dog', 'malinois'],
    ['Carduelis carduelis', 'bird', 'carduelis carduelis'],
    ['Triturus vulgaris', 'newt', 'triturus vulgaris'],
  ])('never singularises a name WordNet knows as it is: %j is a kind of %j', async (answer, label, name) => {
    const judgement = await judgeAnswer(answer, label);
    expect(judgement).toMatchObject({ correct: true, kind: 'hyponym', reason: { answerName: name, answerRead: 'written' } });
    expect(judgement.explanation).toMatch(new RegExp(`^${name} is a kind of ${label} \\(WordNet: ${name} → .*${label}\\)$`));
  });

  it('finds a Latin binomial as another word for its common name', async () => {
    expect(await judgeAnswer('Carduelis carduelis', 'goldfinch')).toMatchObject({ correct: true, kind: 'synonym' });
    expect(await judgeAnswer('Triturus vulgaris', 'common newt')).toMatchObject({ correct: true, kind: 'synonym' });
  });

  it.each(['red-breasted merganser', 'red breasted merganser', 'Red-breasted mergansers'])(
    'finds the hyphenated lemma %j a kind of bird, with the path through WordNet',
    async (answer) => {
      const judgement = await judgeAnswer(answer, 'bird');
      expect(judgement).toMatchObject({ correct: true, kind: 'hyponym', reason: { answerName: 'red-breasted merganser' } });
      expect(names(judgement.reason.path)).toEqual([
        'red-breasted merganser',
        'merganser',
        'sea duck',
        'duck',
        'anseriform bird',
        'waterfowl',
        'aquatic bird',
        'bird',
      ]);
    },
  );
});

describe('judgeAnswer tries every noun sense of the answer', () => {
  it('takes "boxer" as the dog breed for "dog", naming the sense and the path', async () => {
    const judgement = await judgeAnswer('boxer', 'dog');
    expect(judgement).toMatchObject({ correct: true, kind: 'hyponym' });
    expect(judgement.explanation).toBe(
      'boxer (a breed of stocky medium-sized short-haired dog) is a kind of dog (WordNet: boxer → working dog → dog)',
    );
    expect(judgement.reason).toMatchObject({ relation: 'hyponym', answerName: 'boxer', answerSenseRare: true, labels: ['dog'] });
    expect(judgement.reason.answerSense?.gloss).toMatch(/^a breed of stocky medium-sized short-haired dog/);
    expect(names(judgement.reason.path)).toEqual(['boxer', 'working dog', 'dog']);
  });

  it('finds "dipper" and "water ouzel" in one synset, naming the bird sense, and agrees they are the same', async () => {
    expect(await judgeAnswer('dipper', 'water ouzel')).toMatchObject({
      correct: true,
      kind: 'synonym',
      explanation: 'dipper (small stocky diving bird without webbed feet) is another word for water ouzel',
    });
    expect(await sameEntity('dipper', 'water ouzel')).toBe(true);
  });

  it('does not name the sense when the answer is meant in its usual one', async () => {
    expect((await judgeAnswer('tabby', 'cat')).explanation).toBe('tabby is a kind of cat (WordNet: tabby → domestic cat → cat)');
  });

  it.each([
    ['dog', 'food'], // dog: a sausage
    ['cat', 'vehicle'], // cat: a Caterpillar tractor
    ['cup', 'food'], // cup: a punch
    ['crab', 'insect'], // crab: the crab louse, though "crab" the animal is the crustacean
    ['eagle', 'person'], // not short for "Eagle Scout": an eagle is a bird
    ['water', 'person'], // not short for "Water Bearer"
  ])('does not let a rare sense or a compound turn %j into a %j', async (answer, label) => {
    expect(await judgeAnswer(answer, label)).toMatchObject({ correct: false, kind: 'wrong' });
  });

  it('takes a rare sense that is an animal or a plant: "kite" and "crane" are birds, "apple" a tree', async () => {
    for (const [answer, label] of [
      ['kite', 'bird'],
      ['crane', 'bird'],
      ['apple', 'tree'],
      ['seal', 'animal'],
    ]) {
      expect({ answer, label, ...(await judgeAnswer(answer as string, label as string)) }).toMatchObject({
        correct: true,
        kind: 'hyponym',
      });
    }
  });

  it('keeps slang senses of people out: "cat" is not a woman, "dish" is not a woman', async () => {
    expect(await judgeAnswer('cat', 'woman')).toMatchObject({ correct: false, kind: 'wrong' });
    expect(await judgeAnswer('dish', 'woman')).toMatchObject({ correct: false, kind: 'wrong' });
    expect(await sameEntity('cat', 'guy')).toBe(false);
    expect(await sameEntity('dog', 'hot dog')).toBe(false);
  });
});

describe('judgeAnswer knows the distinctive word of a compound', () => {
  it('accepts "labrador" for "Labrador retriever" and for "dog", saying it is short for the compound', async () => {
    expect(await judgeAnswer('labrador', 'Labrador retriever')).toMatchObject({
      correct: true,
      kind: 'compound',
      explanation: 'labrador is short for labrador retriever',
      reason: { relation: 'compound', compound: 'labrador retriever' },
    });
    const dog = await judgeAnswer('Labrador', 'dog');
    expect(dog).toMatchObject({ correct: true, kind: 'compound' });
    expect(dog.explanation).toBe(
      'labrador is short for labrador retriever, a kind of dog (WordNet: labrador retriever → retriever → sporting dog → hunting dog → dog)',
    );
  });

  it('refuses a word two compounds under the label start with, or a lowercase modifier', async () => {
    expect(await judgeAnswer('german', 'dog')).toMatchObject({ correct: false }); // German shepherd, German short-haired pointer
    expect(await judgeAnswer('rocking', 'chair')).toMatchObject({ correct: false }); // rocking chair describes, not names
    expect(await judgeAnswer('labrador', 'bird')).toMatchObject({ correct: false });
    // A word that names an animal itself means it: "shetland" is the sheepdog, not the Shetland pony.
    expect(await judgeAnswer('shetland', 'horse')).toMatchObject({ correct: false });
    expect(await judgeAnswer('shetland', 'dog')).toMatchObject({ correct: true, kind: 'hyponym' });
  });
});

describe('judgeAnswer applies the everyday-hypernym table after WordNet', () => {
  it('accepts "rose" for "flower" and says it is everyday usage, not WordNet', async () => {
    const judgement = await judgeAnswer('rose', 'flower');
    expect(judgement).toMatchObject({ correct: true, kind: 'everyday', reason: { everyday: { word: 'rose', hypernym: 'flower' } } });
    expect(judgement.explanation).toBe('rose is a flower: rose is called a flower in everyday usage, which WordNet does not record');
  });

  it('accepts a kind of rose for "flower", with WordNet\'s path to "rose" first', async () => {
    const judgement = await judgeAnswer('damask rose', 'flower');
    expect(judgement).toMatchObject({ correct: true, kind: 'everyday' });
    expect(judgement.explanation).toBe(
      'damask rose is a kind of rose (WordNet: damask rose → rose), and rose is called a flower in everyday usage, which WordNet does not record',
    );
  });

  it('applies to the plant only: "rose" is no colour of flower, and a flower is not a rose', async () => {
    expect(await judgeAnswer('rose', 'tree')).toMatchObject({ correct: false });
    expect(await judgeAnswer('flower', 'rose')).toMatchObject({ correct: false });
  });
});

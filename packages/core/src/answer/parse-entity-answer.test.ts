import { describe, expect, test } from 'vitest';
import { parseEntityAnswer } from './parse-entity-answer.ts';

// Replies in the shapes 4B vision models really produce: qwen3-vl (clean JSON, <think> blocks), gemma-3
// (```json fences, "Here is the JSON"), llava ("The image features ..."), moondream and smolvlm (bare noun
// phrases with a period, sometimes a leading space), and models that ignore the schema altogether.
const JSON_ANSWERS: ReadonlyArray<readonly [string, string, string]> = [
  ['reads clean JSON', '{"entity":"cat"}', 'cat'],
  ['reads JSON with a trailing newline', '{"entity": "cat"}\n', 'cat'],
  ['reads pretty-printed JSON', '{\n  "entity": "golden retriever"\n}', 'golden retriever'],
  ['reads JSON with spaces around it and lowercases', ' {"entity" : "Teddy Bear"} ', 'teddy bear'],
  ['reads the main_entity key', '{"main_entity": "dog"}', 'dog'],
  ['reads the label key', '{"label": "airplane"}', 'airplane'],
  ['reads the object key', '{"object": "bicycle"}', 'bicycle'],
  ['reads the name key', '{"name": "horse"}', 'horse'],
  ['reads the answer key', '{"answer": "flower"}', 'flower'],
  ['reads the subject key', '{"subject": "woman"}', 'woman'],
  ['reads an upper-case key', '{"ENTITY": "Fire Truck"}', 'fire truck'],
  ['reads a key with a space and capitals', '{"Main Entity": "Lighthouse"}', 'lighthouse'],
  ['reads an unexpected single key', '{"animal": "monkey"}', 'monkey'],
  ['takes the first of an entities array', '{"entities": ["cat", "sofa"]}', 'cat'],
  ['takes the first of an array value', '{"entity": ["dog", "ball"]}', 'dog'],
  ['reads a nested object value', '{"entity": {"name": "monkey", "confidence": 0.92}}', 'monkey'],
  ['reads an entity nested under result', '{"result": {"entity": "bird"}}', 'bird'],
  ['takes the first object of a top-level array', '[{"entity": "car"}, {"entity": "road"}]', 'car'],
  ['ignores commentary after the JSON', '{"entity": "cat"} The image shows a cat lying on a windowsill.', 'cat'],
  ['ignores an explanation paragraph after the JSON', '{"entity": "cat"}\n\nExplanation: the dog is only a toy.', 'cat'],
  ['reads single-quoted pseudo-JSON', "{'entity': 'cat'}", 'cat'],
  ['reads a bare key with a single-quoted value', "{entity: 'dog'}", 'dog'],
  ['reads an unquoted value', '{"entity": dog}', 'dog'],
  ['reads JSON with a trailing comma', '{"entity": "cat",}', 'cat'],
  ['reads a ```json fence', '```json\n{"entity": "cat"}\n```', 'cat'],
  ['reads a bare ``` fence', '```\n{"entity": "pizza"}\n```', 'pizza'],
  ['reads gemma-style JSON introduced by text', 'Here is the JSON requested:\n```json\n{\n  "entity": "beach"\n}\n```', 'beach'],
  ['reads JSON preceded by text on the same line', 'Sure! Here is the answer: {"entity": "bird"}', 'bird'],
  ['decodes unicode escapes', '{"entity": "caf\\u00e9"}', 'café'],
  ['decodes Cyrillic unicode escapes', '{"entity": "\\u041a\\u043e\\u0448\\u043a\\u0430"}', 'кошка'],
  ['reads double-encoded JSON', '"{\\"entity\\": \\"cat\\"}"', 'cat'],
  ['normalises a sentence inside the JSON value', '{"entity": "A black cat sitting on a sofa"}', 'cat'],
  ['reads a cue sentence inside the JSON value', '{"entity": "The main entity is a cat"}', 'cat'],
  ['singularises a plural JSON value', '{"entity": "puppies"}', 'puppy'],
  ['ignores a leaked end-of-turn token', '{"entity":"cat"}<|im_end|>', 'cat'],
  ['prefers prose over an echoed JSON template', 'The main entity is a cat.\n{"entity": "..."}', 'cat'],
];

const REASONING_ANSWERS: ReadonlyArray<readonly [string, string, string]> = [
  [
    'ignores a closed think block before the JSON',
    '<think>\nI see a cat and a sofa; the cat is the focus.\n</think>\n\n{"entity": "cat"}',
    'cat',
  ],
  ['reads what follows a closing think tag without an opening one', 'A dog on a sofa? No, a fox.\n</think>\n\n{"entity": "fox"}', 'fox'],
  ['ignores Kimi-VL thinking markers', '◁think▷There is a sheep in a field.◁/think▷{"entity": "sheep"}', 'sheep'],
  ['reads a GLM answer tag after thinking', '<think>I see a bird.</think><answer>bird</answer>', 'bird'],
  ['does not take the entity from the thoughts', '<think>There is a dog.</think>\nThe main entity is a cat.', 'cat'],
  ['reads JSON a model wrote inside a think block it never closed', '<think>\nI see a cat. {"entity": "cat"}', 'cat'],
];

const PROSE_ANSWERS: ReadonlyArray<readonly [string, string, string]> = [
  ['reads "the main entity in this image is"', 'The main entity in this image is a cat.', 'cat'],
  ['reads "this image shows" and drops the colour', 'This image shows a black cat sitting on a sofa.', 'cat'],
  ['reads "it\'s a" with an exclamation mark', "It's a dog!", 'dog'],
  ['reads a "Main entity:" label', 'Main entity: Dog', 'dog'],
  ['reads a bold word', '**Cat**', 'cat'],
  ['reads a bare word', 'cat', 'cat'],
  ['reads a capitalised word with a period', 'Cat.', 'cat'],
  ['reads a word with an article', 'A cat', 'cat'],
  ['reads a smolvlm answer with a leading space', ' A cat.', 'cat'],
  ['reads "the image depicts" and singularises after a count', 'The image depicts two puppies playing.', 'puppy'],
  ['reads "I see"', 'I see an airplane', 'airplane'],
  ['reads "there is ... in the picture"', 'There is a bird in the picture', 'bird'],
  ['reads an "Answer:" label', 'Answer: flower', 'flower'],
  ['takes the first item of an inline numbered list', '1. cat 2. sofa', 'cat'],
  ['takes the first item of a numbered list', '1. Cat\n2. Sofa\n3. Pillow', 'cat'],
  ['takes the first item of a bullet list', '- dog\n- frisbee', 'dog'],
  ['strips double quotes', '"cat"', 'cat'],
  ['strips single quotes', "'cat'", 'cat'],
  ['strips a leading emoji', '🐱 Cat', 'cat'],
  ['strips a trailing emoji', 'Cat 🐈', 'cat'],
  ['reads the line under a markdown heading', '## Main Entity\n\n**Cat**', 'cat'],
  ['reads "Sure! The main entity is"', 'Sure! The main entity is a golden retriever.', 'golden retriever'],
  ['reads "the main subject of this image is"', 'The main subject of this image is a cat.', 'cat'],
  ['stops at a relative clause', 'The main subject of this image is a cat, which is lying on a wooden floor.', 'cat'],
  ['reads llava\'s "the image features" with two colours', 'The image features a black and white cat sitting on a couch.', 'cat'],
  ['keeps a non-colour modifier', 'The image features a large commercial airplane flying in the sky.', 'commercial airplane'],
  ['reads a moondream close-up', 'A close-up of a red rose.', 'rose'],
  ['drops size and colour adjectives', 'A small brown dog.', 'dog'],
  ['reads "we can see" after a setting', 'In this image, we can see a monkey sitting on a tree branch.', 'monkey'],
  ['keeps a compound noun', 'The picture shows a hot air balloon over a city.', 'hot air balloon'],
  ['stops at a participle', 'a fire truck parked on the street', 'fire truck'],
  ['reads "it looks like"', 'It looks like a teddy bear.', 'teddy bear'],
  ['reads "this is a photo of"', 'This is a photo of a lighthouse.', 'lighthouse'],
  ['reads a bold word after "is:"', 'The main entity in the image is: **Airplane**', 'airplane'],
  ['reads a bold label', '**Main Entity:** Bicycle', 'bicycle'],
  ['reads an "Entity:" label', 'Entity: horse', 'horse'],
  ['turns a group of people into person', 'The image shows a group of people standing on a beach.', 'person'],
  ['singularises children', 'Two children playing football in a park.', 'child'],
  ['singularises mice', 'Three mice on a wooden table', 'mouse'],
  ['singularises the geese of a flock', 'A flock of geese flying over a lake.', 'goose'],
  ['singularises boxes', 'Several boxes stacked in a warehouse.', 'box'],
  ['singularises leaves', 'Leaves on the ground.', 'leaf'],
  ['reads "the woman in the center"', 'The main entity is the woman in the center of the photo.', 'woman'],
  ['stops at "wearing"', 'The image shows a man wearing glasses.', 'man'],
  ["takes the first sentence's entity", 'I can see a cat. It is sitting on a chair.', 'cat'],
  [
    'skips vague "a lot" in a rambling answer',
    "Okay, so looking at this picture, there's a lot going on. In the center there is a large brown dog with floppy ears, lying on a rug.",
    'dog',
  ],
  [
    'finds the subject of a long description',
    'In the foreground, a fluffy orange cat is lounging lazily on a sunlit windowsill, its tail curled around its paws, while behind it a garden stretches into the distance.',
    'cat',
  ],
  ['keeps Cyrillic letters', 'Кошка.', 'кошка'],
  ['keeps accented letters', 'The main entity is a Café.', 'café'],
  ['keeps CJK characters', '猫', '猫'],
  ['lowercases shouting', 'DOG', 'dog'],
  ['singularises a bare plural', 'dogs', 'dog'],
  ['reads a quoted word after "the answer is" and keeps bus singular', 'The answer is "bus".', 'bus'],
  ['keeps the container of "a glass of"', 'A glass of water on a table.', 'glass'],
  ['reads the members of a bouquet', 'A bouquet of flowers', 'flower'],
  ['keeps octopus singular', 'The image depicts an octopus swimming.', 'octopus'],
  ['reads a dash-separated label', 'Main entity - cactus', 'cactus'],
  ['stops at "in a red dress"', 'The image shows a woman in a red dress.', 'woman'],
  ['keeps a breed modifier', 'It appears to be a Siamese cat.', 'siamese cat'],
  ['reads past a hedge', "I'm not sure, but it looks like a fox.", 'fox'],
  ['reads past a partial refusal', "I'm sorry, I can't identify people, but the image shows a woman in uniform.", 'woman'],
  ['reads past an unclear main entity', 'The main entity is not entirely clear, but it appears to be a bird.', 'bird'],
  ['reads "the primary object is"', 'The primary object in the photo is a red apple.', 'apple'],
  ['reads a Chinese-model style sentence', 'The main subject of this image is a cat', 'cat'],
];

describe('parseEntityAnswer', () => {
  test.each(JSON_ANSWERS)('%s', (_name, raw, entity) => {
    expect(parseEntityAnswer(raw)).toMatchObject({ ok: true, entity });
  });
  test.each(REASONING_ANSWERS)('%s', (_name, raw, entity) => {
    expect(parseEntityAnswer(raw)).toMatchObject({ ok: true, entity });
  });
  test.each(PROSE_ANSWERS)('%s', (_name, raw, entity) => {
    expect(parseEntityAnswer(raw)).toMatchObject({ ok: true, entity });
  });

  test('caps a long noun phrase at its last four words', () => {
    const raw = 'The main entity is a beautiful vintage red and white double decker London bus driving past.';
    expect(parseEntityAnswer(raw)).toEqual({
      ok: true,
      entity: 'double decker london bus',
      phrase: 'beautiful vintage red-and-white double decker London bus',
    });
  });

  test('never returns more than 4 words or 40 characters, whatever the answer', () => {
    const rambles = [
      'This image shows an extraordinarily detailed antique hand-carved mahogany grandfather clock',
      'pneumonoultramicroscopicsilicovolcanoconiosis-affected lung tissue sample',
      'The photograph captures ' + 'a very '.repeat(40) + 'tall giraffe',
      'word '.repeat(500),
    ];
    for (const raw of rambles) {
      const parsed = parseEntityAnswer(raw);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.entity.split(' ').length).toBeLessThanOrEqual(4);
      expect(parsed.entity.length).toBeLessThanOrEqual(40);
    }
  });

  // A backtracking pattern would not finish on these; the test's own timeout catches that.
  test('gives a capped entity or a reason for degenerate 100 KB replies', () => {
    const replies = ['I see ' + 'very '.repeat(20_000) + 'cat', '[x]('.repeat(25_000), '{"a": ['.repeat(15_000)];
    for (const raw of replies) {
      const parsed = parseEntityAnswer(raw);
      if (parsed.ok) expect(parsed.entity.length).toBeLessThanOrEqual(40);
      else expect(parsed.reason).not.toBe('');
    }
  });

  test.each([
    ['JSON', '{"entity": "Great Pyrenees"}', 'great pyrenees', 'Great Pyrenees'],
    ['a plain sentence', 'A white shark.', 'white shark', 'white shark'],
    ['a sentence after a cue', 'The image shows two small brown dogs playing on the grass.', 'dog', 'small brown dogs'],
    ['a binomial in JSON', '{"entity": "Triturus vulgaris"}', 'triturus vulgaris', 'Triturus vulgaris'],
    ['a fenced JSON plural', '```json\n{"entity": "two puppies"}\n```', 'puppy', 'puppies'],
  ])('keeps what the model named beside its label: %s', (_name, raw, entity, phrase) => {
    expect(parseEntityAnswer(raw)).toEqual({ ok: true, entity, phrase });
  });
});

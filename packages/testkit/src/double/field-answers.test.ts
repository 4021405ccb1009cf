import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validPhotos } from '../corpus';
import { chatBody, dataUrl, postChat, useDouble } from './test-helpers';
import type { ServerKind } from './types';

const start = useDouble();

const fieldsFormat = {
  type: 'json_schema',
  json_schema: {
    name: 'image_fields',
    strict: true,
    schema: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['cat', 'dog', 'bird', 'other'] },
        caption: { type: 'string' },
        people: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        topics: { type: 'array', items: { type: 'string', enum: ['animal', 'other'] } },
        is_dog: { type: 'boolean' },
      },
      required: ['kind', 'caption', 'people', 'tags', 'topics', 'is_dog'],
      additionalProperties: false,
    },
  },
};

async function photo(label: string): Promise<string> {
  const entry = validPhotos().find((candidate) => candidate.label === label)!;
  return dataUrl(await readFile(entry.absolutePath), 'image/jpeg');
}

async function askFields(kind: ServerKind, label: string, options: { outsideList?: boolean } = {}) {
  const double = await start({ kind, labelCorpus: true });
  const model = double.options.models.find((candidate) => candidate.type === 'vlm')!.id;
  if (options.outsideList) await double.setOptions({ outsideList: [model] });
  const response = await postChat(double, chatBody({ model, images: [await photo(label)], responseFormat: fieldsFormat }));
  const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
  return { answer: JSON.parse(body.choices[0]!.message.content) as Record<string, unknown>, logged: double.requests.at(-1) };
}

describe('a fields schema', () => {
  it.each<ServerKind>(['lmstudio', 'ollama', 'llamacpp', 'vllm'])(
    'is answered by the %s double from the photo’s label, and logged',
    async (kind) => {
      const { answer, logged } = await askFields(kind, 'dog');
      expect(answer).toEqual({ kind: 'dog', caption: 'A photo of a dog.', people: 3, tags: ['dog', 'puppy'], topics: [], is_dog: true });
      expect(logged?.jsonSchema).toEqual({ name: 'image_fields', schema: fieldsFormat.json_schema.schema });
    },
  );

  it('gets "other" for a photo no member names, and a count of one where the corpus says none', async () => {
    const { answer } = await askFields('lmstudio', 'airplane');
    expect(answer).toMatchObject({ kind: 'other', people: 1, is_dog: false, tags: ['airplane', 'aircraft', 'plane'] });
  });

  it('is answered outside the closed list by a model set to ignore it', async () => {
    const { answer } = await askFields('lmstudio', 'dog', { outsideList: true });
    expect(answer).toMatchObject({ kind: 'puppy', topics: ['puppy'] });
  });
});

describe('a one-property schema', () => {
  const ask = async (property: string) => {
    const double = await start({ labelCorpus: true });
    const schema = { type: 'object', properties: { [property]: { type: 'string' } }, required: [property] };
    const body = chatBody({ images: [await photo('dog')], responseFormat: { type: 'json_schema', json_schema: { name: 'one', schema } } });
    const answer = (await (await postChat(double, body)).json()) as { choices: Array<{ message: { content: string } }> };
    return JSON.parse(answer.choices[0]!.message.content) as Record<string, unknown>;
  };

  it('named like the entity question gets the entity, any other name a field’s sentence', async () => {
    expect(await ask('subject')).toEqual({ subject: 'dog' });
    expect(await ask('caption')).toEqual({ caption: 'A photo of a dog.' });
  });
});

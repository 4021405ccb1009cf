import type { AnswerStyle } from './types';

/**
 * The assistant text for a recognised entity, in the styles small models really produce: clean JSON when the
 * schema is honoured, and the prose, fenced, reasoning-prefixed or rambling answers a client must parse.
 */
export function composeAnswer(style: AnswerStyle, entity: string, key = 'entity'): string {
  switch (style) {
    case 'json':
      return JSON.stringify({ [key]: entity });
    case 'sentence':
      return `The main entity in this image is ${withArticle(entity)}.`;
    case 'markdown-json':
      return `\`\`\`json\n{"${key}": ${JSON.stringify(entity)}}\n\`\`\``;
    case 'think':
      return `<think>\nLet me look at the image carefully. The subject that stands out is ${withArticle(entity)}, so that is the main entity.\n</think>\n\n${JSON.stringify({ [key]: entity })}`;
    case 'verbose':
      return (
        `Sure! Looking at this picture, the first thing that catches the eye is ${withArticle(entity)}. ` +
        `It takes up a good part of the frame, and the light and colours make it the clear focus of the scene. ` +
        `There are a few details in the background, but nothing that competes with it, ` +
        `so I would say the main entity here is the ${entity}.`
      );
  }
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/**
 * Splits text into token-sized pieces (words with their leading space, numbers, single punctuation marks),
 * close enough to a BPE tokenizer for usage counts and for streaming in several chunks.
 */
export function tokenize(text: string): string[] {
  return text.match(/\s*[A-Za-z]+|\s*\d{1,3}|\s*[^\sA-Za-z\d]|\s+/g) ?? [];
}

/** Prefill cost of text: about four characters a token. */
export const textTokens = (text: string): number => Math.ceil(text.length / 4);

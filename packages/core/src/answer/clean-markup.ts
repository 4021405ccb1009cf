/**
 * Removes the decoration models put around words: markdown (bold, headers, list markers, code ticks, links),
 * HTML tags, emoji and quotes. Line breaks are kept because they separate list items and sentences.
 */

// Each code point is removed on its own, so the joiner (200D) and the keycap (20E3) stand alone in the class.
// eslint-disable-next-line no-misleading-character-class
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE0F}\u{200D}\u{20E3}]/gu;

export function cleanMarkup(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(EMOJI, ' ')
      .replace(/```[\w-]*/g, ' ')
      .replace(/`/g, '')
      // bounded lengths keep these linear on an answer full of unmatched brackets
      .replace(/\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)/g, '$1')
      .replace(/<\/?[a-z][^<>]{0,200}>/gi, ' ')
      .replace(/^[^\S\n]*(?:#{1,6}|>)[^\S\n]*/gm, '')
      .replace(/^[^\S\n]*(?:[-*+•·]|\d{1,2}[.)])[^\S\n]+/gm, '')
      .replace(/\*+/g, '')
      // snake_case keys ("main_entity: cat") read as words; _emphasis_ disappears with it.
      .replace(/_+/g, ' ')
      .replace(/[‘’‛′]/g, "'")
      .replace(/["“”„‟«»″]/g, '')
      // An apostrophe inside a word ("it's", "jack-o'-lantern") stays; one used as a quote mark goes.
      .replace(/(?<![\p{L}\p{N}])'|'(?![\p{L}\p{N}-])/gu, '')
      .replace(/[^\S\n]+/g, ' ')
  );
}

/** A short quotation of an answer for a failure reason: one line, at most `max` characters. */
export function briefQuote(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

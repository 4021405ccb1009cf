/**
 * Separates what a model said from what it thought. Reasoning models put their thoughts in the content:
 * Qwen3 and GLM-4.1V in `<think>`, Kimi-VL in `◁think▷`, Magistral in `[THINK]`. The thoughts mention the
 * entity too ("I see a cat... or is it a fox?"), so they must go before anything looks for an answer.
 */

export interface VisibleAnswer {
  /** The content with reasoning blocks and chat-template tokens removed (not trimmed). */
  text: string;
  /**
   * The text of a reasoning block that was opened and never closed, or null. An unclosed block means the
   * generation stopped mid-thought, almost always because max_tokens ran out before the answer.
   */
  unfinishedThought: string | null;
}

const REASONING_TAGS: ReadonlyArray<{ open: string; close: string }> = [
  { open: '<(?:think|thinking|thought|reasoning)>', close: '</(?:think|thinking|thought|reasoning)>' },
  { open: '◁think▷', close: '◁/think▷' },
  { open: '\\[THINK\\]', close: '\\[/THINK\\]' },
];

/**
 * Chat-template tokens that leak into content when a model's template is slightly off:
 * `<|im_end|>`, `<|endoftext|>`, GLM's `<|begin_of_box|>`, Gemma's `<end_of_turn>`, `</s>`.
 */
const TEMPLATE_TOKENS = /<\|[^|<>]{1,40}\|>|<\/?(?:s|eos|bos|start_of_turn|end_of_turn)>/gi;

export function stripReasoning(raw: string): VisibleAnswer {
  let text = raw.normalize('NFC').replace(TEMPLATE_TOKENS, ' ');
  let unfinishedThought: string | null = null;

  for (const { open, close } of REASONING_TAGS) {
    text = text.replace(new RegExp(`${open}[\\s\\S]*?${close}`, 'gi'), ' ');

    // Qwen3's template writes the opening tag into the prompt, so the content starts mid-thought and only
    // the closing tag shows: everything before the last one is thinking.
    const orphanClose = lastMatchEnd(text, new RegExp(close, 'gi'));
    if (orphanClose !== null) text = text.slice(orphanClose);

    const unclosed = new RegExp(open, 'i').exec(text);
    if (unclosed) {
      unfinishedThought = text.slice(unclosed.index + unclosed[0].length);
      text = text.slice(0, unclosed.index);
    }
  }

  // GLM-4.1V-Thinking wraps its final reply in <answer>; what sits outside is commentary.
  const answer = /<answer>([\s\S]*?)(?:<\/answer>|$)/i.exec(text);
  if (answer) text = answer[1] ?? '';

  return { text, unfinishedThought };
}

function lastMatchEnd(text: string, pattern: RegExp): number | null {
  let end: number | null = null;
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length;
  return end;
}

import { describe, expect, test } from 'vitest';
import { stripReasoning } from './strip-reasoning.ts';

const visible = (raw: string) => stripReasoning(raw).text.trim();

describe('stripReasoning', () => {
  test('removes a closed think block', () => {
    expect(visible('<think>a dog? no, a cat</think>\n{"entity": "cat"}')).toBe('{"entity": "cat"}');
  });

  test('removes several think blocks and <thinking> tags, in any case', () => {
    expect(visible('<THINK>one</THINK>cat<thinking>two</thinking>')).toBe('cat');
  });

  test('keeps only what follows a closing tag whose opening tag was in the prompt', () => {
    expect(visible('the user wants one word\n</think>\n\ncat')).toBe('cat');
  });

  test('reports an unclosed think block as an unfinished thought', () => {
    expect(stripReasoning('<think>\nThe image shows')).toEqual({ text: '', unfinishedThought: '\nThe image shows' });
  });

  test('keeps text written before an unclosed think block', () => {
    expect(stripReasoning('cat <think>second thoughts')).toEqual({ text: 'cat ', unfinishedThought: 'second thoughts' });
  });

  test('reports no unfinished thought when every block is closed', () => {
    expect(stripReasoning('<think>x</think>cat').unfinishedThought).toBeNull();
  });

  test('removes Kimi-VL and Magistral reasoning markers', () => {
    expect(visible('◁think▷hmm◁/think▷cat')).toBe('cat');
    expect(visible('[THINK]hmm[/THINK]cat')).toBe('cat');
  });

  test('keeps only the inside of a GLM <answer> tag', () => {
    expect(visible('<think>hmm</think>So:<answer>cat</answer> done')).toBe('cat');
  });

  test('reads an <answer> tag that was never closed', () => {
    expect(visible('<answer>cat')).toBe('cat');
  });

  test('removes leaked chat-template tokens', () => {
    expect(visible('<|begin_of_box|>cat<|end_of_box|><|im_end|></s><end_of_turn>')).toBe('cat');
  });

  test('leaves an answer without reasoning as it was', () => {
    expect(stripReasoning('A cat.')).toEqual({ text: 'A cat.', unfinishedThought: null });
  });
});

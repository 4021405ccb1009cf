import { describe, expect, it } from 'vitest';
import { commandForKey, type KeyFocus } from './review-keys';

const press = (key: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});
const page: KeyFocus = { in: 'page' };

describe('review keys', () => {
  it('accepts with Enter, picks the n-th answer with a digit, and has a key for every other action', () => {
    expect(commandForKey(press('Enter'), page)).toEqual({ kind: 'accept' });
    expect(commandForKey(press('3'), page)).toEqual({ kind: 'pick', n: 3 });
    expect(['x', 's', 'k', 'j', 'ArrowLeft', 'ArrowRight', 'u', '?'].map((key) => commandForKey(press(key), page)?.kind)).toEqual([
      'reject',
      'skip',
      'back',
      'forward',
      'back',
      'forward',
      'undo',
      'help',
    ]);
    expect(commandForKey(press('0'), page)).toBeNull();
    expect(commandForKey(press('x', { ctrlKey: true }), page)).toBeNull();
  });

  it('lets a label be typed: in the label box letters are text and Enter confirms what was typed', () => {
    expect(commandForKey(press('x'), { in: 'label-box', text: '' })).toBeNull();
    expect(commandForKey(press('2'), { in: 'label-box', text: 'bird' })).toBeNull();
    expect(commandForKey(press('Enter'), { in: 'label-box', text: 'bird' })).toEqual({ kind: 'confirm-typed' });
    expect(commandForKey(press('Enter'), { in: 'label-box', text: ' ' })).toEqual({ kind: 'accept' });
    expect(commandForKey(press('2'), { in: 'label-box', text: '' })).toEqual({ kind: 'pick', n: 2 });
    expect(commandForKey(press('Escape'), { in: 'label-box', text: 'bi' })).toEqual({ kind: 'leave-box' });
  });

  it('leaves Enter and Space to a focused button', () => {
    expect(commandForKey(press('Enter'), { in: 'control' })).toBeNull();
    expect(commandForKey(press('x'), { in: 'control' })).toEqual({ kind: 'reject' });
  });
});

/** What a key press asks of the review queue; null when the key is someone else's (typing, a focused control). */
export type ReviewCommand =
  | { kind: 'accept' }
  | { kind: 'confirm-typed' }
  | { kind: 'pick'; n: number }
  | { kind: 'reject' }
  | { kind: 'skip' }
  | { kind: 'back' }
  | { kind: 'forward' }
  | { kind: 'undo' }
  | { kind: 'help' }
  | { kind: 'leave-box' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Where the focus is: the label box (and what is typed in it), another control, or nothing that takes keys. */
export type KeyFocus = { in: 'label-box'; text: string } | { in: 'control' } | { in: 'page' };

const PAGE_KEYS: Readonly<Record<string, ReviewCommand>> = {
  x: { kind: 'reject' },
  s: { kind: 'skip' },
  k: { kind: 'back' },
  j: { kind: 'forward' },
  ArrowLeft: { kind: 'back' },
  ArrowRight: { kind: 'forward' },
  u: { kind: 'undo' },
  '?': { kind: 'help' },
};

/**
 * Keyboard first, but never in the way of typing: in the label box only Enter acts (the typed label, or the
 * suggestion when it is empty), and while it is empty the digits and arrows too; letters there are the label's.
 * A focused button or link keeps Enter and Space for itself.
 */
export function commandForKey(press: KeyPress, focus: KeyFocus): ReviewCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const digit = /^[1-9]$/.test(press.key) ? { kind: 'pick' as const, n: Number(press.key) } : null;
  if (focus.in === 'label-box') {
    if (press.key === 'Enter') return focus.text.trim() ? { kind: 'confirm-typed' } : { kind: 'accept' };
    if (press.key === 'Escape') return { kind: 'leave-box' };
    if (focus.text !== '') return null;
    return digit ?? (press.key.startsWith('Arrow') ? (PAGE_KEYS[press.key] ?? null) : null);
  }
  if (focus.in === 'control' && (press.key === 'Enter' || press.key === ' ')) return null;
  if (press.key === 'Enter') return { kind: 'accept' };
  return digit ?? PAGE_KEYS[press.key] ?? null;
}

import { useEffect, type RefObject } from 'react';
import { commandForKey, type KeyFocus, type ReviewCommand } from '../lib/review-keys';

function focusOf(labelBox: HTMLInputElement | null): KeyFocus {
  const active = document.activeElement;
  if (active && active === labelBox) return { in: 'label-box', text: labelBox.value };
  // Buttons and links keep Enter and Space; other fields never see the queue's keys (see useReviewKeys).
  return active instanceof HTMLElement && active.closest('button, a') ? { in: 'control' } : { in: 'page' };
}

/** The queue's keys on the whole page, as long as the queue is shown. */
export function useReviewKeys(labelBox: RefObject<HTMLInputElement | null>, onCommand: (command: ReviewCommand) => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const active = document.activeElement;
      if (active !== labelBox.current && active instanceof HTMLElement && active.matches('select, input, textarea')) return;
      const command = commandForKey(event, focusOf(labelBox.current));
      if (!command) return;
      event.preventDefault();
      onCommand(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [labelBox, onCommand]);
}

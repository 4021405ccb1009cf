import { useCallback, useState } from 'react';
import type { ReviewItem } from '../api/use-review';
import { movedIndex, openingIndex, positionOf } from '../lib/review-cursor';

export interface ReviewCursor {
  /** The shown image's place in the queue (0 when the queue is empty) and the image itself. */
  position: number;
  item: ReviewItem | undefined;
  /** The label being typed for the shown image; moving on clears it. */
  typed: string;
  setTyped(text: string): void;
  /** `step` images on (back when negative), staying at the ends. */
  go(step: number): void;
  /** Straight to an image, by its index; what is typed stays. */
  goTo(index: number): void;
  /** Back to where the queue opens, as when it is filtered anew. */
  reopen(): void;
}

/** Which image of the queue is shown (where the queue opens, until a person moves) and the label typed for it. */
export function useReviewCursor(items: readonly ReviewItem[]): ReviewCursor {
  const [cursor, setCursor] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const shown = cursor ?? openingIndex(items);
  const position = positionOf(items, shown);
  const go = useCallback(
    (step: number) => {
      setCursor(movedIndex(items, shown, step));
      setTyped('');
    },
    [items, shown],
  );
  const reopen = useCallback(() => setCursor(null), []);
  return { position, item: items[position], typed, setTyped, go, goTo: setCursor, reopen };
}

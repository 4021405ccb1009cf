import type { RefObject } from 'react';
import { useI18n } from '../../../i18n';
import type { ReviewItem } from '../api/use-review';
import type { ReviewCursor } from '../hooks/use-review-cursor';
import type { ReviewCommand } from '../lib/review-keys';
import { ReviewControls } from './review-controls';
import { ReviewCurrent } from './review-current';
import { ReviewUpcoming } from './review-upcoming';

const UPCOMING = 6;

interface ReviewAtCursorProps {
  items: readonly ReviewItem[];
  /** The cursor, on `item` (the queue is not empty). */
  cursor: ReviewCursor;
  item: ReviewItem;
  thumbnailBatchId: string;
  labelBox: RefObject<HTMLInputElement | null>;
  busy: boolean;
  onCommand(command: ReviewCommand): void;
}

/** The shown image with its place in the queue, a button for every key, and the photos that come after it. */
export function ReviewAtCursor({ items, cursor, item, thumbnailBatchId, labelBox, busy, onCommand }: ReviewAtCursorProps) {
  const { t, format } = useI18n();
  const { position, typed, setTyped, go, goTo } = cursor;
  return (
    <>
      <p className="muted review__position">{t.review.position(format.number(position + 1), format.number(items.length))}</p>
      <ReviewCurrent
        item={item}
        thumbnailBatchId={thumbnailBatchId}
        labelBox={labelBox}
        typed={typed}
        busy={busy}
        onType={setTyped}
        onConfirmTyped={() => onCommand({ kind: 'confirm-typed' })}
        onPick={(n) => onCommand({ kind: 'pick', n })}
      />
      <ReviewControls
        busy={busy}
        canAccept={Boolean(item.suggestion)}
        onAccept={() => onCommand({ kind: 'accept' })}
        onReject={() => onCommand({ kind: 'reject' })}
        onSkip={() => go(1)}
        onBack={() => go(-1)}
        onForward={() => go(1)}
        onUndo={() => onCommand({ kind: 'undo' })}
        onHelp={() => onCommand({ kind: 'help' })}
      />
      <ReviewUpcoming items={items.slice(position + 1, position + 1 + UPCOMING)} thumbnailBatchId={thumbnailBatchId} onGo={goTo} />
    </>
  );
}

import { useCallback, type RefObject } from 'react';
import type { ReviewAction } from '@vision/api-contract';
import type { ReviewSubject, useReview } from '../api/use-review';
import type { ReviewCommand } from '../lib/review-keys';
import type { ReviewCursor } from './use-review-cursor';

interface ReviewCommandsOptions {
  subject: ReviewSubject;
  /** The field the decisions go to (null: the server's default). */
  field: string | null;
  review: Pick<ReturnType<typeof useReview>, 'decide' | 'undo'>;
  cursor: ReviewCursor;
  labelBox: RefObject<HTMLInputElement | null>;
  toggleHelp(): void;
}

/**
 * What each command (a key or a button) does: a decision on the shown image is saved and the next one shown; a
 * command that does not fit the image (accept without a suggestion, an empty label, a missing answer) does nothing.
 */
export function useReviewCommands({ subject, field, review: { decide, undo }, cursor, labelBox, toggleHelp }: ReviewCommandsOptions) {
  const { item, typed, go } = cursor;
  const record = useCallback(
    (action: ReviewAction, label: string | null = null) => {
      if (!item) return;
      decide.mutate({ subject, field, index: item.index, action, label });
      go(1);
    },
    [decide, field, go, item, subject],
  );
  return useCallback(
    (command: ReviewCommand) => {
      if (command.kind === 'accept' && item?.suggestion) record('accept');
      else if (command.kind === 'confirm-typed' && typed.trim()) record('fix', typed.trim());
      else if (command.kind === 'pick') {
        const answer = item?.answers[command.n - 1]?.entity;
        if (answer) record('fix', answer);
      } else if (command.kind === 'reject') record('reject');
      else if (command.kind === 'skip' || command.kind === 'forward') go(1);
      else if (command.kind === 'back') go(-1);
      else if (command.kind === 'undo') undo.mutate({ subject, field });
      else if (command.kind === 'help') toggleHelp();
      else if (command.kind === 'leave-box') labelBox.current?.blur();
    },
    [field, go, item, labelBox, record, subject, toggleHelp, typed, undo],
  );
}

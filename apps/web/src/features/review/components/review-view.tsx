import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReviewFilter } from '@vision/api-contract';
import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { useI18n } from '../../../i18n';
import { routeHref } from '../../../lib/router';
import { useReview, type ReviewSubject } from '../api/use-review';
import { useReviewCommands } from '../hooks/use-review-commands';
import { useReviewCursor } from '../hooks/use-review-cursor';
import { useReviewKeys } from '../hooks/use-review-keys';
import { ReviewAtCursor } from './review-at-cursor';
import { ReviewKeysHelp } from './review-controls';
import { ReviewToolbar } from './review-toolbar';

/** The review queue: one photo at a time, the doubtful first, every decision one key (or one tap) away. */
export function ReviewView({ subject }: { subject: ReviewSubject }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<ReviewFilter>('all');
  const [chosenField, setChosenField] = useState<string | null>(null);
  const review = useReview(subject, filter, chosenField);
  const { queue, decide, undo, acceptAgreed } = review;
  // The queue says which field it shows (the server's default until one is chosen); decisions go to that field.
  const field = queue.data?.field ?? chosenField;
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const cursor = useReviewCursor(items);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((open) => !open), []);
  const labelBox = useRef<HTMLInputElement>(null);
  const onCommand = useReviewCommands({ subject, field, review, cursor, labelBox, toggleHelp });
  useReviewKeys(labelBox, onCommand);
  const busy = decide.isPending || undo.isPending || acceptAgreed.isPending;

  const failure = decide.error ?? undo.error ?? acceptAgreed.error;
  if (!queue.data) return <ReviewNotReady queue={queue} />;
  return (
    <section className="review" data-testid="review-view" aria-labelledby="review-heading">
      <ReviewHeader subject={subject} />
      <ReviewToolbar
        progress={queue.data.progress}
        comparison={subject.kind === 'comparison'}
        filter={filter}
        busy={busy}
        onFilter={(next) => {
          setFilter(next);
          cursor.reopen();
        }}
        onAcceptAgreed={() => acceptAgreed.mutate({ subject, field })}
        field={field}
        fields={queue.data.fields}
        onField={(next) => {
          setChosenField(next);
          cursor.reopen();
          cursor.setTyped('');
        }}
      />
      {failure && (
        <Banner tone="error" title={t.review.saveFailed}>
          <FailureText error={failure} />
        </Banner>
      )}
      {help && <ReviewKeysHelp />}
      {cursor.item ? (
        <ReviewAtCursor
          items={items}
          cursor={cursor}
          item={cursor.item}
          thumbnailBatchId={queue.data.thumbnailBatchId}
          labelBox={labelBox}
          busy={busy}
          onCommand={onCommand}
        />
      ) : (
        <p className="note">{t.review.empty}</p>
      )}
    </section>
  );
}

function ReviewHeader({ subject }: { subject: ReviewSubject }) {
  const { t } = useI18n();
  const backRoute =
    subject.kind === 'batch' ? { name: 'batch' as const, batchId: subject.id } : { name: 'comparison' as const, comparisonId: subject.id };
  return (
    <header className="review__header">
      <h2 id="review-heading">{t.review.heading[subject.kind]}</h2>
      <a className="button button--ghost button--small" href={routeHref(backRoute)}>
        {t.review.back}
      </a>
    </header>
  );
}

function ReviewNotReady({ queue }: { queue: ReturnType<typeof useReview>['queue'] }) {
  const { t } = useI18n();
  if (queue.error) return <Banner tone="error" title={queue.error.data?.code === 'NOT_FOUND' ? t.review.notFound : t.batch.actionFailed} />;
  return (
    <p className="muted" role="status">
      {t.review.loading}
    </p>
  );
}

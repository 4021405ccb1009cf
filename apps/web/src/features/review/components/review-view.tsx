import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReviewAction, ReviewFilter } from '@vision/api-contract';
import { Banner } from '../../../components/banner';
import { FailureText } from '../../../components/failure-text';
import { useI18n } from '../../../i18n';
import { routeHref } from '../../../lib/router';
import { useReview, type ReviewSubject } from '../api/use-review';
import { useReviewKeys } from '../hooks/use-review-keys';
import { movedIndex, openingIndex, positionOf } from '../lib/review-cursor';
import type { ReviewCommand } from '../lib/review-keys';
import { ReviewControls, ReviewKeysHelp } from './review-controls';
import { ReviewCurrent } from './review-current';
import { ReviewToolbar } from './review-toolbar';
import { ReviewUpcoming } from './review-upcoming';

const UPCOMING = 6;

/** The review queue: one photo at a time, the doubtful first, every decision one key (or one tap) away. */
export function ReviewView({ subject }: { subject: ReviewSubject }) {
  const { t, format } = useI18n();
  const [filter, setFilter] = useState<ReviewFilter>('all');
  const [chosenField, setChosenField] = useState<string | null>(null);
  const { queue, decide, undo, acceptAgreed } = useReview(subject, filter, chosenField);
  // The queue says which field it shows (the server's default until one is chosen); decisions go to that field.
  const field = queue.data?.field ?? chosenField;
  const [cursor, setCursor] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const [help, setHelp] = useState(false);
  const labelBox = useRef<HTMLInputElement>(null);
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const shown = cursor ?? openingIndex(items);
  const position = positionOf(items, shown);
  const item = items[position];
  const busy = decide.isPending || undo.isPending || acceptAgreed.isPending;

  const go = useCallback(
    (step: number) => {
      setCursor(movedIndex(items, shown, step));
      setTyped('');
    },
    [items, shown],
  );
  const record = useCallback(
    (action: ReviewAction, label: string | null = null) => {
      if (!item) return;
      decide.mutate({ subject, field, index: item.index, action, label });
      go(1);
    },
    [decide, field, go, item, subject],
  );
  const onCommand = useCallback(
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
      else if (command.kind === 'help') setHelp((open) => !open);
      else if (command.kind === 'leave-box') labelBox.current?.blur();
    },
    [field, go, item, record, subject, typed, undo],
  );
  useReviewKeys(labelBox, onCommand);

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
          setCursor(null);
        }}
        onAcceptAgreed={() => acceptAgreed.mutate({ subject, field })}
        field={field}
        fields={queue.data.fields}
        onField={(next) => {
          setChosenField(next);
          setCursor(null);
          setTyped('');
        }}
      />
      {failure && (
        <Banner tone="error" title={t.review.saveFailed}>
          <FailureText error={failure} />
        </Banner>
      )}
      {help && <ReviewKeysHelp />}
      {item ? (
        <>
          <p className="muted review__position">{t.review.position(format.number(position + 1), format.number(items.length))}</p>
          <ReviewCurrent
            item={item}
            thumbnailBatchId={queue.data.thumbnailBatchId}
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
            onHelp={() => setHelp((open) => !open)}
          />
          <ReviewUpcoming
            items={items.slice(position + 1, position + 1 + UPCOMING)}
            thumbnailBatchId={queue.data.thumbnailBatchId}
            onGo={setCursor}
          />
        </>
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

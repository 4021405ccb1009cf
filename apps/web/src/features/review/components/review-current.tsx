import type { RefObject } from 'react';
import { FallbackImage } from '../../../components/fallback-image';
import { useI18n } from '../../../i18n';
import { preparedImageUrl, thumbnailUrl } from '../../../lib/api-urls';
import type { ReviewItem } from '../api/use-review';

interface ReviewCurrentProps {
  item: ReviewItem;
  thumbnailBatchId: string;
  labelBox: RefObject<HTMLInputElement | null>;
  typed: string;
  busy: boolean;
  onType(text: string): void;
  onConfirmTyped(): void;
  onPick(n: number): void;
}

/** The photo under review, large, with its suggestion, the decision so far and every model's answer to pick. */
export function ReviewCurrent({ item, thumbnailBatchId, labelBox, typed, busy, onType, onConfirmTyped, onPick }: ReviewCurrentProps) {
  const { t, format } = useI18n();
  const decision = item.decision;
  return (
    <article className="review-current" data-testid="review-current" data-filename={item.filename} data-index={item.index}>
      <FallbackImage
        className="review-current__photo"
        src={preparedImageUrl(thumbnailBatchId, item.index)}
        fallbackSrc={thumbnailUrl(thumbnailBatchId, item.index)}
        width={480}
        height={480}
      />
      <div className="review-current__side">
        <p className="review-current__name">{item.filename}</p>
        <p className={`review-standing review-standing--${item.standing}`}>{t.review.standing[item.standing]}</p>
        <p className="review-current__suggestion" data-testid="review-suggestion">
          <span className="muted">{t.review.suggestion}: </span>
          {item.suggestion ? (
            <>
              <strong>{item.suggestion}</strong>{' '}
              <span className="muted">
                ({item.source ? t.review.source[item.source] : ''}
                {item.consensus ? `, ${t.review.share(format.number(item.consensus.models), format.number(item.consensus.of))}` : ''})
              </span>
            </>
          ) : (
            t.review.noSuggestion
          )}
        </p>
        {decision && (
          <p className="review-current__decision" data-testid="review-decision" data-action={decision.action}>
            {decision.action === 'reject' ? t.review.decided.reject : t.review.decided[decision.action](decision.label ?? '')}
          </p>
        )}
        <fieldset className="review-choices">
          <legend>{t.review.answers}</legend>
          {item.answers.map((answer, position) => (
            <button
              key={answer.batchId}
              type="button"
              className="button button--small review-choices__pick"
              data-testid="review-pick"
              disabled={busy || !answer.entity}
              onClick={() => onPick(position + 1)}
              title={answer.model}
            >
              {t.review.pick(format.number(position + 1), answer.entity ?? t.review.noAnswer)}
              <span className="review-choices__model">{answer.model}</span>
            </button>
          ))}
        </fieldset>
        <form
          className="review-label"
          onSubmit={(event) => {
            event.preventDefault();
            onConfirmTyped();
          }}
        >
          <label htmlFor="review-label-box">{t.review.labelBox}</label>
          <div className="review-label__row">
            <input
              id="review-label-box"
              ref={labelBox}
              className="field__input"
              data-testid="review-label"
              value={typed}
              placeholder={t.review.labelPlaceholder}
              autoComplete="off"
              maxLength={200}
              onChange={(event) => onType(event.target.value)}
            />
            <button type="submit" className="button" disabled={busy || !typed.trim()}>
              {t.review.confirmTyped}
            </button>
          </div>
        </form>
      </div>
    </article>
  );
}

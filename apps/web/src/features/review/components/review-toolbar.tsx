import type { ReviewFilter, ReviewProgress } from '@vision/api-contract';
import { useI18n } from '../../../i18n';

const FILTERS: readonly ReviewFilter[] = ['all', 'unreviewed', 'disagreements', 'rejected'];

interface ReviewToolbarProps {
  progress: ReviewProgress;
  /** A comparison's queue also counts the disagreements left (a batch has one model: none). */
  comparison: boolean;
  filter: ReviewFilter;
  busy: boolean;
  onFilter(filter: ReviewFilter): void;
  onAcceptAgreed(): void;
  /** The field under review and the fields to choose from (none without fields). */
  field: string | null;
  fields: ReadonlyArray<{ name: string }>;
  onField(field: string): void;
}

/** The progress line, the filter and the bulk accept of every agreed photo. */
export function ReviewToolbar({ progress, comparison, filter, busy, onFilter, onAcceptAgreed, ...fieldChoice }: ReviewToolbarProps) {
  const { t, format } = useI18n();
  return (
    <div className="review-toolbar">
      <p className="review-toolbar__progress" data-testid="review-progress" role="status">
        {t.review.progress(format.number(progress.reviewed), format.number(progress.total))}
        {comparison && ` · ${t.review.disagreementsLeft(format.number(progress.disagreementsLeft), progress.disagreementsLeft)}`}
      </p>
      {fieldChoice.fields.length > 0 && <ReviewFieldChooser {...fieldChoice} />}
      <label className="review-toolbar__filter">
        <span>{t.review.filter}</span>
        <select
          className="field__input"
          data-testid="review-filter"
          value={filter}
          onChange={(event) => onFilter(event.target.value as ReviewFilter)}
        >
          {FILTERS.map((choice) => (
            <option key={choice} value={choice}>
              {t.review.filters[choice]}
            </option>
          ))}
        </select>
      </label>
      {progress.agreedLeft > 0 && (
        <button type="button" className="button" data-testid="review-accept-agreed" disabled={busy} onClick={onAcceptAgreed}>
          {t.review.acceptAgreed(format.number(progress.agreedLeft))}
        </button>
      )}
    </div>
  );
}

function ReviewFieldChooser({ field, fields, onField }: Pick<ReviewToolbarProps, 'field' | 'fields' | 'onField'>) {
  const { t } = useI18n();
  return (
    <label className="review-toolbar__filter">
      <span>{t.review.field}</span>
      <select className="field__input" data-testid="review-field" value={field ?? ''} onChange={(event) => onField(event.target.value)}>
        {fields.map(({ name }) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

import { FallbackImage } from '../../../components/fallback-image';
import { useI18n } from '../../../i18n';
import { thumbnailUrl } from '../../../lib/api-urls';
import type { ReviewItem } from '../api/use-review';

/** The next photos in the queue, small; a click goes to one. */
export function ReviewUpcoming({
  items,
  thumbnailBatchId,
  onGo,
}: {
  items: ReviewItem[];
  thumbnailBatchId: string;
  onGo(index: number): void;
}) {
  const { t } = useI18n();
  if (!items.length) return null;
  return (
    <section className="review-upcoming" aria-label={t.review.queued}>
      <h3 className="review-upcoming__title">{t.review.queued}</h3>
      <ol className="review-upcoming__list">
        {items.map((item) => (
          <li key={item.index}>
            <button type="button" className="review-upcoming__item" title={item.filename} onClick={() => onGo(item.index)}>
              <FallbackImage className="review-upcoming__thumb" src={thumbnailUrl(thumbnailBatchId, item.index)} width={72} height={72} />
              <span className={`review-standing review-standing--${item.standing}`}>{t.review.standing[item.standing]}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

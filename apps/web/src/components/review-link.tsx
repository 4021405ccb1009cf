import { useI18n } from '../i18n';
import { routeHref } from '../lib/router';

/** Opens the review queue of a batch or a comparison (`review-button`). */
export function ReviewLink({ subject }: { subject: { kind: 'batch' | 'comparison'; id: string } }) {
  const { t } = useI18n();
  return (
    <a className="button" data-testid="review-button" href={routeHref({ name: 'review', subject })}>
      {t.review.open}
    </a>
  );
}

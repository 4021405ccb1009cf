import { Banner } from '../../../components/banner';
import { useI18n } from '../../../i18n';

interface InferenceBannerProps {
  problem: 'unreachable' | 'no-vision';
  /** The server's own words (it names the address it tried). */
  detail: string | null;
  retrying: boolean;
  onRetry(): void;
}

/** Says what is wrong with the inference servers (none answers, none lists a vision model) and what to do about it. */
export function InferenceBanner({ problem, detail, retrying, onRetry }: InferenceBannerProps) {
  const { t } = useI18n();
  const unreachable = problem === 'unreachable';
  return (
    <Banner
      tone={unreachable ? 'error' : 'warning'}
      title={unreachable ? t.models.unreachableTitle : t.models.noVisionTitle}
      action={
        <button type="button" className="button button--small" onClick={onRetry} disabled={retrying}>
          {t.models.retry}
        </button>
      }
    >
      <ol className="banner__steps">
        {(unreachable ? t.models.unreachableSteps : t.models.noVisionSteps).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {detail && <p className="banner__detail">{detail}</p>}
    </Banner>
  );
}

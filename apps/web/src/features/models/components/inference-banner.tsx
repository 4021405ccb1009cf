import { Banner } from '../../../components/banner';
import { useI18n } from '../../../i18n';
import { useSoleServerKind } from '../api/use-sole-server-kind';

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
  const { kind, product } = useSoleServerKind();
  const unreachable = problem === 'unreachable';
  const unreachableSteps = kind === 'lmstudio' ? t.models.unreachableStepsDefaultServer : t.models.unreachableSteps;
  return (
    <Banner
      tone={unreachable ? 'error' : 'warning'}
      title={unreachable ? t.models.unreachableTitle(product) : t.models.noVisionTitle(product)}
      action={
        <button type="button" className="button button--small" onClick={onRetry} disabled={retrying}>
          {t.models.retry}
        </button>
      }
    >
      <ol className="banner__steps">
        {(unreachable ? unreachableSteps : t.models.noVisionSteps(product)).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {detail && <p className="banner__detail">{detail}</p>}
    </Banner>
  );
}

import { Banner } from '../../../components/banner';
import { useI18n } from '../../../i18n';
import { routeHref } from '../../../lib/router';
import { useRunningCurrentBatch } from '../hooks/use-current-batch';

/** On the start page: the batch this browser started is still running, one click away. */
export function ResumeBanner() {
  const { t } = useI18n();
  const batchId = useRunningCurrentBatch();
  if (!batchId) return null;
  return (
    <Banner
      tone="info"
      title={t.batch.resumeTitle}
      action={
        <a className="button button--small button--primary" href={routeHref({ name: 'batch', batchId })}>
          {t.batch.resumeOpen}
        </a>
      }
    />
  );
}

import { EXPORT_FORMATS } from '../../../config/limits';
import { useI18n } from '../../../i18n';
import { captionsZipUrl, exportUrl } from '../../../lib/api-urls';

/** Plain download links: the server streams the file, the browser saves it. */
export function ExportLinks({ batchId, captions }: { batchId: string; captions: boolean }) {
  const { t } = useI18n();
  return (
    <div className="export-links" role="group" aria-label={t.batch.export}>
      <span className="export-links__label">{t.batch.export}</span>
      {EXPORT_FORMATS.map((format) => (
        <a key={format} className="button button--small button--ghost" href={exportUrl(batchId, format)} download data-format={format}>
          {format.toUpperCase()}
        </a>
      ))}
      {captions && (
        <a className="button button--small button--ghost" href={captionsZipUrl(batchId)} download data-format="captions">
          {t.fields.captionsZip}
        </a>
      )}
    </div>
  );
}

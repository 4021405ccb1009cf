import { useState } from 'react';
import { ExportRowsChoice } from '../../../components/export-rows-choice';
import { EXPORT_FORMATS } from '../../../config/limits';
import { useI18n } from '../../../i18n';
import { captionsZipUrl, exportUrl, type ExportRows } from '../../../lib/api-urls';

/** Plain download links: the server streams the file, the browser saves it. */
export function ExportLinks({ batchId, captions, fields }: { batchId: string; captions: boolean; fields: readonly string[] }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<ExportRows>('all');
  return (
    <div className="export-links" role="group" aria-label={t.batch.export}>
      <span className="export-links__label">{t.batch.export}</span>
      {EXPORT_FORMATS.map((format) => (
        <a
          key={format}
          className="button button--small button--ghost"
          href={exportUrl(batchId, format, rows)}
          download
          data-format={format}
        >
          {format.toUpperCase()}
        </a>
      ))}
      {captions && (
        <a className="button button--small button--ghost" href={captionsZipUrl(batchId)} download data-format="captions">
          {t.fields.captionsZip}
        </a>
      )}
      <ExportRowsChoice value={rows} fields={fields} onChange={setRows} />
    </div>
  );
}

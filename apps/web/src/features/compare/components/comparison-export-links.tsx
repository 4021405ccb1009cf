import { useState } from 'react';
import type { GroundTruthChoice } from '@vision/core/schemas';
import { ExportRowsChoice } from '../../../components/export-rows-choice';
import { COMPARISON_EXPORT_FORMATS } from '../../../config/limits';
import { useI18n } from '../../../i18n';
import { comparisonExportUrl, type ExportRows } from '../../../lib/api-urls';

/** Every answer with its judgement (CSV), the per-model figures (summary CSV), or everything (JSON). */
export function ComparisonExportLinks({
  comparisonId,
  groundTruth,
  fields,
}: {
  comparisonId: string;
  groundTruth: GroundTruthChoice;
  /** A comparison with fields: its export can keep the rows reviewed on one of them. */
  fields: readonly string[];
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<ExportRows>('all');
  return (
    <div className="export-links" role="group" aria-label={t.comparison.export}>
      <span className="export-links__label">{t.comparison.export}</span>
      {COMPARISON_EXPORT_FORMATS.map((format) => (
        <a
          key={format}
          className="button button--small button--ghost"
          href={comparisonExportUrl(comparisonId, format, groundTruth, rows)}
          download
          data-format={format}
        >
          {t.comparison.exportNames[format]}
        </a>
      ))}
      <ExportRowsChoice value={rows} fields={fields} onChange={setRows} />
    </div>
  );
}

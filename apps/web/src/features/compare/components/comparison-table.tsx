import { useI18n } from '../../../i18n';
import type { ComparisonView } from '../lib/comparison-types';
import { colourOf, splitModelId } from '../lib/model-name';
import { ComparisonRow } from './comparison-row';

interface ComparisonTableProps {
  view: ComparisonView;
  localFiles: readonly File[] | null;
  /** The image whose label is being saved. */
  savingIndex: number | null;
  onLabel(index: number, label: string | null): void;
}

/** Every photo as a row, every model as a column: where the models part ways is visible at a glance. */
export function ComparisonTable({ view, localFiles, savingIndex, onLabel }: ComparisonTableProps) {
  const { t } = useI18n();
  return (
    <div className="comparison-table__scroll">
      <table className="comparison-table">
        <caption className="sr-only">{t.results.heading}</caption>
        <thead>
          <tr>
            <th scope="col">{t.comparison.photo}</th>
            <th scope="col">{t.comparison.label}</th>
            {view.models.map((model, position) => (
              <th key={model.batchId} scope="col" className="comparison-table__model" data-colour={colourOf(position)} title={model.model}>
                <span className="model-summary__swatch" aria-hidden="true" />
                {splitModelId(model.model).name}
              </th>
            ))}
            <th scope="col">{t.comparison.models}</th>
          </tr>
        </thead>
        <tbody>
          {view.images.map((image) => (
            <ComparisonRow
              key={image.index}
              image={image}
              thumbnailBatchId={view.models[0]?.batchId ?? null}
              localFile={localFiles?.[image.index]}
              saving={savingIndex === image.index}
              onLabel={onLabel}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

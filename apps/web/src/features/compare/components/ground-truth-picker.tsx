import { useId } from 'react';
import { useI18n } from '../../../i18n';
import type { GroundTruthChoice } from '../hooks/use-ground-truth';
import { describeLabelProblem } from '../lib/describe-label-problem';
import { countLabels } from '../lib/ground-truth';

const SHOWN_ROWS = 5;

interface GroundTruthPickerProps {
  choice: GroundTruthChoice;
  photoCount: number;
}

/** The optional right answers: a labels CSV, or the folder names; says how many photos they label and what did not fit. */
export function GroundTruthPicker({ choice, photoCount }: GroundTruthPickerProps) {
  const { t, format } = useI18n();
  const hintId = useId();
  const { truth } = choice;
  const unmatched = truth?.unmatched ?? [];

  return (
    <fieldset className="ground-truth" aria-describedby={hintId}>
      <legend className="ground-truth__legend">
        {t.groundTruth.heading} <span className="ground-truth__optional">({t.groundTruth.optional})</span>
      </legend>
      <p className="field__hint" id={hintId}>
        {t.groundTruth.hint}
      </p>
      <div className="ground-truth__file">
        <label className="button button--small ground-truth__choose">
          {t.groundTruth.chooseCsv}
          <input
            className="sr-only"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            data-testid="labels-input"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = ''; // choosing the same file again (after editing it) must fire change again
              if (file) choice.pickCsv(file);
            }}
          />
        </label>
        {choice.csvName && (
          <span className="ground-truth__filename">
            {choice.csvName}
            <button type="button" className="link-button" onClick={choice.clearCsv} aria-label={t.groundTruth.removeCsv(choice.csvName)}>
              ×
            </button>
          </span>
        )}
      </div>
      {!choice.csvName && choice.hasFolders && (
        <label className="ground-truth__folders">
          <input type="checkbox" checked={choice.useFolders} onChange={(event) => choice.setUseFolders(event.currentTarget.checked)} />
          {t.groundTruth.useFolders}
        </label>
      )}
      <div className="ground-truth__summary" data-testid="ground-truth-summary" role="status">
        {choice.unreadable && <p className="note note--error">{t.groundTruth.unreadable}</p>}
        {truth ? (
          <p className="note">
            <strong>{t.groundTruth.labelsPhotos(format.number(truth.labels.size), format.number(photoCount))}</strong>
            {truth.source === 'folders' && truth.labels.size > 0 && (
              <>
                {' '}
                {t.groundTruth.fromFolders}{' '}
                {countLabels(truth.labels)
                  .map(({ label, count }) => `${label} ×${format.number(count)}`)
                  .join(', ')}
              </>
            )}
          </p>
        ) : (
          <p className="note">{t.groundTruth.noLabels}</p>
        )}
        {unmatched.length > 0 && (
          <p className="note note--warning">
            {t.groundTruth.noPhotoRows(format.number(unmatched.length), unmatched.length)}{' '}
            {unmatched
              .slice(0, SHOWN_ROWS)
              .map((row) => row.file)
              .join(', ')}
            {unmatched.length > SHOWN_ROWS && ` ${t.groundTruth.andMore(format.number(unmatched.length - SHOWN_ROWS))}`}
          </p>
        )}
        {truth?.problems.slice(0, SHOWN_ROWS).map((problem) => (
          <p key={`${problem.kind}-${problem.line}`} className="note note--warning">
            {describeLabelProblem(problem, t, format)}
          </p>
        ))}
      </div>
    </fieldset>
  );
}

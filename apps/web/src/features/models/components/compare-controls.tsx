import { useI18n } from '../../../i18n';

/** The switch between starting one model with a click and ticking several to compare. */
export function CompareToggle({ on, onChange }: { on: boolean; onChange(on: boolean): void }) {
  const { t } = useI18n();
  return (
    <label className="compare-toggle">
      <input
        type="checkbox"
        role="switch"
        className="compare-toggle__switch"
        data-testid="compare-toggle"
        checked={on}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <span className="compare-toggle__label">{t.models.compareToggle}</span>
    </label>
  );
}

interface CompareStartProps {
  picked: number;
  /** Why nothing can start yet (no photos...), or null. */
  blockedBy: string | null;
  /** Upload progress (0..1) while the comparison is being sent. */
  uploading: number | null;
  /** A batch or a comparison is being sent. */
  busy: boolean;
  onStart(): void;
}

export const MIN_COMPARED_MODELS = 2;

export function CompareStart({ picked, blockedBy, uploading, busy, onStart }: CompareStartProps) {
  const { t, format } = useI18n();
  const tooFew = picked < MIN_COMPARED_MODELS;
  return (
    <div className="compare-start">
      <button
        type="button"
        className="button button--primary compare-start__button"
        data-testid="compare-start"
        disabled={tooFew || blockedBy !== null || busy}
        onClick={onStart}
      >
        {uploading !== null ? t.models.uploading(format.percent(uploading)) : t.models.compareStart(format.number(picked), picked)}
      </button>
      {tooFew && <p className="compare-start__note">{t.models.comparePickMore}</p>}
    </div>
  );
}

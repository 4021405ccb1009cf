import type { GroundTruthChoice as Choice } from '@vision/core/schemas';
import { useI18n } from '../../../i18n';

/** What the answers are judged against: the labels given, or the labels a person confirmed in the review. */
export function GroundTruthChoice({ value, onChange }: { value: Choice; onChange(choice: Choice): void }) {
  const { t } = useI18n();
  return (
    <label className="ground-truth-choice">
      <span>{t.review.groundTruth.label}</span>
      <select
        className="field__input"
        data-testid="ground-truth-choice"
        value={value}
        onChange={(event) => onChange(event.target.value as Choice)}
      >
        <option value="labels">{t.review.groundTruth.labels}</option>
        <option value="confirmed">{t.review.groundTruth.confirmed}</option>
      </select>
    </label>
  );
}

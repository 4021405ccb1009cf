import type { FieldSpec } from '@vision/core/fields';
import { MAX_CONCURRENCY } from '@vision/core/limits';
import { useI18n } from '../../../i18n';
import { useSoleServerKind } from '../api/use-sole-server-kind';

export interface BatchOptions {
  prompt: string;
  /** Requests in flight; null lets the server decide (the inference servers' parallel slots). */
  concurrency: number | null;
  /** The questions every photo is asked; null for the main entity (today's question). */
  fields?: FieldSpec[] | null;
  /** For a comparison: the field the ground truth judges; absent lets the server pick (`judgedField`). */
  truthField?: string | undefined;
}

/** The optional prompt and concurrency, folded away: most people never need them. */
export function BatchOptionsFields({ value, onChange }: { value: BatchOptions; onChange(next: BatchOptions): void }) {
  const { t } = useI18n();
  const { product } = useSoleServerKind();
  return (
    <details className="advanced">
      <summary>{t.models.advanced}</summary>
      <div className="advanced__fields">
        <label className="field">
          <span className="field__label">{t.models.prompt}</span>
          <textarea
            className="field__input"
            name="prompt"
            rows={3}
            value={value.prompt}
            onChange={(event) => onChange({ ...value, prompt: event.target.value })}
          />
          <span className="field__hint">{t.models.promptHint}</span>
        </label>
        <label className="field field--narrow">
          <span className="field__label">{t.models.concurrency}</span>
          <input
            className="field__input"
            name="concurrency"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_CONCURRENCY}
            value={value.concurrency ?? ''}
            onChange={(event) => {
              const parsed = Number.parseInt(event.target.value, 10);
              onChange({ ...value, concurrency: Number.isFinite(parsed) ? Math.min(MAX_CONCURRENCY, Math.max(1, parsed)) : null });
            }}
          />
          <span className="field__hint">{t.models.concurrencyHint(product)}</span>
        </label>
      </div>
    </details>
  );
}

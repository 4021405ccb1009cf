import { useI18n } from '../../../i18n';

interface ReviewControlsProps {
  busy: boolean;
  canAccept: boolean;
  onAccept(): void;
  onReject(): void;
  onSkip(): void;
  onBack(): void;
  onForward(): void;
  onUndo(): void;
  onHelp(): void;
}

/** A button for every key, so that the queue works by touch on a phone too. */
export function ReviewControls(props: ReviewControlsProps) {
  const { t } = useI18n();
  return (
    <div className="review-controls" role="group">
      <button
        type="button"
        className="button button--primary"
        data-testid="review-accept"
        disabled={props.busy || !props.canAccept}
        onClick={props.onAccept}
      >
        {t.review.accept}
      </button>
      <button type="button" className="button button--danger" data-testid="review-reject" disabled={props.busy} onClick={props.onReject}>
        {t.review.reject}
      </button>
      <button type="button" className="button" data-testid="review-skip" onClick={props.onSkip}>
        {t.review.skip}
      </button>
      <button type="button" className="button button--ghost" data-testid="review-back" onClick={props.onBack}>
        {t.review.previous}
      </button>
      <button type="button" className="button button--ghost" data-testid="review-forward" onClick={props.onForward}>
        {t.review.next}
      </button>
      <button type="button" className="button button--ghost" data-testid="review-undo" disabled={props.busy} onClick={props.onUndo}>
        {t.review.undo}
      </button>
      <button type="button" className="button button--ghost" data-testid="review-keys-button" onClick={props.onHelp}>
        {t.review.keys}
      </button>
    </div>
  );
}

/** What each key does, shown by `?`. */
export function ReviewKeysHelp() {
  const { t } = useI18n();
  const keys = t.review.keyHelp;
  return (
    <section className="review-keys" data-testid="review-keys" aria-label={keys.title}>
      <h3>{keys.title}</h3>
      <ul>
        {[keys.enter, keys.typed, keys.digits, keys.reject, keys.skip, keys.move, keys.undo, keys.help].map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

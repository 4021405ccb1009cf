import { useState } from 'react';
import { useI18n } from '../i18n';

interface ConfirmDeleteProps {
  /** The deletion was sent and has not answered yet. */
  deleting: boolean;
  onConfirm(): void;
  /** What goes besides the thing itself, said while the user decides. */
  warning?: string | undefined;
  small?: boolean;
}

/** Delete, asked twice: "Delete", then "Delete for good" or "Keep" (history items, a comparison's view). */
export function ConfirmDelete({ deleting, onConfirm, warning, small = false }: ConfirmDeleteProps) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const size = small ? ' button--small' : '';
  if (!confirming)
    return (
      <button type="button" className={`button${size} button--ghost`} onClick={() => setConfirming(true)}>
        {t.history.delete}
      </button>
    );
  return (
    <>
      {warning && (
        <span className="muted" role="note">
          {warning}
        </span>
      )}
      <button type="button" className={`button${size} button--danger`} disabled={deleting} onClick={onConfirm}>
        {t.history.confirmDelete}
      </button>
      <button type="button" className={`button${size} button--ghost`} onClick={() => setConfirming(false)}>
        {t.history.keep}
      </button>
    </>
  );
}

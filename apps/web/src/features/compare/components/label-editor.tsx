import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../../i18n';

interface LabelEditorProps {
  label: string | null;
  filename: string;
  saving: boolean;
  /** The new label, trimmed; null removes it. */
  onSave(label: string | null): void;
}

/** The image's ground truth, typed in place: saved on Enter or when the field is left, Escape puts it back. */
export function LabelEditor({ label, filename, saving, onSave }: LabelEditorProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(label ?? '');
  const [editing, setEditing] = useState(false);
  const discard = useRef(false);

  // The server's label (saved, normalised, or changed elsewhere) shows unless the user is typing.
  useEffect(() => {
    if (!editing) setDraft(label ?? '');
  }, [label, editing]);

  const commit = () => {
    setEditing(false);
    if (discard.current) {
      discard.current = false;
      setDraft(label ?? '');
      return;
    }
    const next = draft.trim();
    if (next !== (label ?? '')) onSave(next === '' ? null : next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') event.currentTarget.blur();
    if (event.key === 'Escape') {
      discard.current = true;
      event.currentTarget.blur();
    }
  };

  return (
    <input
      className="label-edit"
      data-testid="label-edit"
      type="text"
      value={draft}
      placeholder={t.comparison.addLabel}
      aria-label={t.comparison.labelOf(filename)}
      aria-busy={saving}
      maxLength={200}
      spellCheck={false}
      autoComplete="off"
      onFocus={() => setEditing(true)}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
    />
  );
}

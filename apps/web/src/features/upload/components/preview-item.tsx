import { memo } from 'react';
import { useObjectUrl } from '../../../hooks/use-object-url';
import { useI18n } from '../../../i18n';
import type { SelectedFile } from '../hooks/use-selected-files';

interface PreviewItemProps {
  entry: SelectedFile;
  onRemove(id: string): void;
}

/** One chosen photo: a fixed-size box the browser fills lazily from an object URL, its name as plain text. */
export const PreviewItem = memo(function PreviewItem({ entry, onRemove }: PreviewItemProps) {
  const { t, format } = useI18n();
  const { file, check } = entry;
  const rejected = check.state === 'rejected';
  // The preview starts loading at once, while the first bytes are still being checked: waiting for the check
  // would put a file read before every picture. A file that turns out not to be an image loses its preview.
  const url = useObjectUrl(rejected ? null : file);

  return (
    <li data-testid="preview-item" className={`preview${rejected ? ' preview--rejected' : ''}`} data-state={check.state}>
      <div className="preview__frame">
        {url ? (
          <img className="preview__image" src={url} alt="" loading="lazy" decoding="async" width={160} height={120} />
        ) : (
          <span className="preview__placeholder" aria-hidden="true">
            {rejected ? '!' : ''}
          </span>
        )}
        <button
          type="button"
          className="preview__remove"
          aria-label={t.upload.remove(file.name)}
          title={t.upload.remove(file.name)}
          onClick={() => onRemove(entry.id)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </div>
      <p className="preview__name" title={file.name}>
        {file.name}
      </p>
      <p className={rejected ? 'preview__reason' : 'preview__meta'}>
        {check.state === 'rejected'
          ? t.upload.rejection[check.reason]
          : check.state === 'checking'
            ? t.upload.checking
            : format.bytes(file.size)}
      </p>
    </li>
  );
});

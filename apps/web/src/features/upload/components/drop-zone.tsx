import { useId, useRef, type KeyboardEvent } from 'react';
import { ACCEPTED_FILE_TYPES, MAX_IMAGES_PER_BATCH, MAX_UPLOAD_BYTES } from '../../../config/limits';
import { useI18n } from '../../../i18n';

interface DropZoneProps {
  onFiles(files: File[]): void;
  /** Smaller once photos are there, so the previews get the room. */
  compact: boolean;
  /** Files are being dragged over the window (which takes the drop, see useWindowFileDrop). */
  dragging: boolean;
}

/** Drop photos or folders anywhere on the page, click, or press Enter/Space here to open the file picker. */
export function DropZone({ onFiles, compact, dragging }: DropZoneProps) {
  const { t, format } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const hintId = useId();

  const openPicker = () => input.current?.click();
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    openPicker();
  };

  return (
    <>
      <div
        data-testid="dropzone"
        className={`dropzone${compact ? ' dropzone--compact' : ''}${dragging ? ' dropzone--active' : ''}`}
        role="button"
        tabIndex={0}
        aria-describedby={hintId}
        onClick={openPicker}
        onKeyDown={onKeyDown}
      >
        <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
        </svg>
        <span className="dropzone__title">
          {dragging ? t.upload.dropActive : t.upload.dropTitle} <span className="dropzone__action">{t.upload.dropAction}</span>
        </span>
        <span className="dropzone__hint" id={hintId}>
          {t.upload.dropHint(format.number(MAX_IMAGES_PER_BATCH), format.bytes(MAX_UPLOAD_BYTES))}
          {compact ? '' : ` · ${t.upload.dropFolders}`}
        </span>
      </div>
      {/* A sibling, not a child: no interactive element inside the zone's button role. */}
      <input
        ref={input}
        data-testid="file-input"
        className="sr-only"
        type="file"
        multiple
        accept={ACCEPTED_FILE_TYPES}
        aria-label={t.upload.inputLabel}
        tabIndex={-1}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = ''; // choosing the same file again must fire change again
          if (files.length) onFiles(files);
        }}
      />
      {/* A folder's photos keep their paths, so the folder names can serve as labels when comparing models. */}
      <input
        ref={(node) => {
          folderInput.current = node;
          node?.setAttribute('webkitdirectory', ''); // not in React's attribute types
        }}
        data-testid="folder-input"
        className="sr-only"
        type="file"
        multiple
        aria-label={t.upload.chooseFolder}
        tabIndex={-1}
        onChange={(event) => {
          const files = photosOfFolder([...(event.currentTarget.files ?? [])]);
          event.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <button type="button" className="link-button dropzone__folder" onClick={() => folderInput.current?.click()}>
        {t.upload.chooseFolder}
      </button>
    </>
  );
}

/** A picked folder brings every file in it: hidden ones (.DS_Store) are left out, the rest in path order like a drop. */
function photosOfFolder(files: File[]): File[] {
  return files
    .filter((file) => !file.webkitRelativePath.split('/').some((part) => part.startsWith('.')))
    .sort((a, b) => a.webkitRelativePath.localeCompare(b.webkitRelativePath, undefined, { numeric: true }));
}

import { useI18n } from '../../../i18n';
import type { SelectedFile } from '../hooks/use-selected-files';
import { PreviewItem } from './preview-item';

interface PreviewGridProps {
  files: readonly SelectedFile[];
  onRemove(id: string): void;
}

export function PreviewGrid({ files, onRemove }: PreviewGridProps) {
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul className="preview-grid" aria-label={t.upload.heading}>
      {files.map((entry) => (
        <PreviewItem key={entry.id} entry={entry} onRemove={onRemove} />
      ))}
    </ul>
  );
}

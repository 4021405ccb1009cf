import type { FieldSpec, FieldValues } from '../fields/field-types';

/**
 * Caption files, the convention of caption tools (taggui, JoyCaption) and of kohya's trainers: `<image>.txt`
 * beside each image, holding its caption. Shared by the CLI (`--format captions`) and the server's zip.
 */
export interface CaptionSource {
  field: string;
  type: 'text' | 'tags';
}

/** Which field a caption file holds: `caption` (else the first text field), else the first tags field, joined by ", ". */
export function captionSource(fields: readonly FieldSpec[] | undefined): CaptionSource | null {
  const caption =
    fields?.find((field) => field.name === 'caption' && field.type === 'text') ?? fields?.find((field) => field.type === 'text');
  if (caption) return { field: caption.name, type: 'text' };
  const tags = fields?.find((field) => field.type === 'tags');
  return tags ? { field: tags.name, type: 'tags' } : null;
}

/** An image's caption text, or undefined when it has none (a failed image, an unread field). */
export function captionOf(result: { fields?: FieldValues | undefined } | null, source: CaptionSource): string | undefined {
  const value = result?.fields?.[source.field];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (Array.isArray(value) && value.length > 0) return value.join(', ');
  return undefined;
}

/** `photo.jpg` → `photo.txt`, `trip/beach.jpg` → `trip/beach.txt`. */
export function captionFileName(image: string): string {
  const dot = image.lastIndexOf('.');
  const base = dot > image.lastIndexOf('/') && dot > 0 ? image.slice(0, dot) : image;
  return `${base}.txt`;
}

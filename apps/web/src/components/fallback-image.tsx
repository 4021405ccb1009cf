import { useState } from 'react';

interface FallbackImageProps {
  src: string | undefined;
  /** Tried when `src` cannot load (e.g. the thumbnail behind a larger picture) before the placeholder. */
  fallbackSrc?: string | undefined;
  className: string;
  width: number;
  height: number;
}

/** A decorative picture that quietly becomes a placeholder when it cannot load (no thumbnail yet, a bad file). */
export function FallbackImage({ src, fallbackSrc, className, width, height }: FallbackImageProps) {
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const shown = [src, fallbackSrc].find((candidate) => candidate !== undefined && !failed.has(candidate));
  if (!shown) {
    return (
      <span className={`${className} image-placeholder`} aria-hidden="true">
        <svg viewBox="0 0 24 24">
          <rect x="3" y="4" width="18" height="16" rx="2" />
          <circle cx="9" cy="10" r="1.6" />
          <path d="m4 18 5-5 3 3 3-3 5 5" />
        </svg>
      </span>
    );
  }
  return (
    <img
      className={className}
      src={shown}
      alt=""
      loading="lazy"
      decoding="async"
      width={width}
      height={height}
      onError={() => setFailed((before) => new Set(before).add(shown))}
    />
  );
}

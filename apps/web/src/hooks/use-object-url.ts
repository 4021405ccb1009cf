import { useEffect, useState } from 'react';

/**
 * An object URL for a local file, made when the component mounts and revoked when it unmounts or the file
 * changes: the browser decodes the original lazily, like any <img>, and nothing is copied into a data URL.
 */
export function useObjectUrl(file: Blob | null | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!file) {
      setUrl(undefined);
      return undefined;
    }
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  return url;
}

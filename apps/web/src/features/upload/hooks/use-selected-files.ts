import { useCallback, useMemo, useRef, useState } from 'react';
import { sniffFile, type ImageFormat, type SniffRejection } from '../../../lib/sniff-image';
import { relativePathOf } from '../lib/relative-path';

export type FileCheck = { state: 'checking' } | { state: 'ok'; format: ImageFormat } | { state: 'rejected'; reason: SniffRejection };

export interface SelectedFile {
  id: string;
  file: File;
  /** Its path inside a dropped or picked folder ("dataset/cat/1.jpg"); null for a loose file. */
  path: string | null;
  check: FileCheck;
}

export interface SelectedFiles {
  files: SelectedFile[];
  /** Files of the last addition that were already in the list. */
  duplicatesSkipped: number;
  add(incoming: readonly File[]): void;
  remove(id: string): void;
  removeRejected(): void;
  clear(): void;
}

let nextId = 0;
const identity = (file: File) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;

/** The photos chosen for the next batch, each checked by its first bytes as it arrives. */
export function useSelectedFiles(): SelectedFiles {
  const [files, setFiles] = useState<SelectedFile[]>([]);
  const [duplicatesSkipped, setDuplicatesSkipped] = useState(0);
  // The source of truth for changes, so that quick successive additions and late sniff results never
  // work from a stale render's list.
  const latest = useRef<SelectedFile[]>([]);

  const commit = useCallback((next: SelectedFile[]) => {
    latest.current = next;
    setFiles(next);
  }, []);

  const setCheck = useCallback(
    (id: string, check: FileCheck) => commit(latest.current.map((entry) => (entry.id === id ? { ...entry, check } : entry))),
    [commit],
  );

  const add = useCallback(
    (incoming: readonly File[]) => {
      const known = new Set(latest.current.map((entry) => identity(entry.file)));
      const added: SelectedFile[] = [];
      for (const file of incoming) {
        if (known.has(identity(file))) continue;
        known.add(identity(file));
        added.push({ id: `file-${(nextId += 1)}`, file, path: relativePathOf(file), check: { state: 'checking' } });
      }
      setDuplicatesSkipped(incoming.length - added.length);
      if (added.length) commit([...latest.current, ...added]);
      for (const entry of added) {
        void sniffFile(entry.file).then(
          (result) =>
            setCheck(entry.id, result.ok ? { state: 'ok', format: result.format } : { state: 'rejected', reason: result.rejection }),
          () => setCheck(entry.id, { state: 'rejected', reason: 'unknown' }),
        );
      }
    },
    [commit, setCheck],
  );

  const remove = useCallback((id: string) => commit(latest.current.filter((entry) => entry.id !== id)), [commit]);
  const removeRejected = useCallback(() => commit(latest.current.filter((entry) => entry.check.state !== 'rejected')), [commit]);
  const clear = useCallback(() => {
    commit([]);
    setDuplicatesSkipped(0);
  }, [commit]);

  return useMemo(
    () => ({ files, duplicatesSkipped, add, remove, removeRejected, clear }),
    [files, duplicatesSkipped, add, remove, removeRejected, clear],
  );
}

import { useState } from 'react';

/** The models ticked to be compared; a tick on a ticked model takes it off. */
export function useTickedModels() {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setTicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return { ticked, toggle };
}

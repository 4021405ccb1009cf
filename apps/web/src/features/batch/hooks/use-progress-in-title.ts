import { useEffect } from 'react';
import { useI18n } from '../../../i18n';
import type { ItemState } from '../lib/batch-state';

/**
 * While the batch runs the tab's title shows its progress, for whoever is reading something else meanwhile; the
 * page's own title comes back when it stops.
 */
export function useProgressInTitle(active: boolean, items: readonly ItemState[] | undefined) {
  const { t, format } = useI18n();
  const finished = items?.filter((item) => item.result !== null).length ?? 0;
  const total = items?.length ?? 0;

  useEffect(() => {
    if (!active) return undefined;
    const title = document.title;
    document.title = `${format.number(finished)}/${format.number(total)} · ${t.app.name}`;
    return () => {
      document.title = title;
    };
  }, [active, finished, total, format, t]);
}

import { useSyncExternalStore } from 'react';

export type HistoryTab = 'batches' | 'comparisons';

/** Routes live in the hash, so the server needs no routing and a reload lands on the same batch. */
export type Route =
  | { name: 'new' }
  | { name: 'batch'; batchId: string }
  | { name: 'comparison'; comparisonId: string }
  | { name: 'history'; tab: HistoryTab };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const batch = /^\/batches\/([^/?#]+)$/.exec(path);
  if (batch?.[1]) return { name: 'batch', batchId: decodeURIComponent(batch[1]) };
  const comparison = /^\/comparisons\/([^/?#]+)$/.exec(path);
  if (comparison?.[1]) return { name: 'comparison', comparisonId: decodeURIComponent(comparison[1]) };
  if (path === '/history') return { name: 'history', tab: 'batches' };
  if (path === '/history/comparisons') return { name: 'history', tab: 'comparisons' };
  return { name: 'new' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'new':
      return '#/';
    case 'history':
      return route.tab === 'comparisons' ? '#/history/comparisons' : '#/history';
    case 'batch':
      return `#/batches/${encodeURIComponent(route.batchId)}`;
    case 'comparison':
      return `#/comparisons/${encodeURIComponent(route.comparisonId)}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

import { useSyncExternalStore } from 'react';

export type HistoryTab = 'batches' | 'comparisons';

/** Routes live in the hash, so the server needs no routing and a reload lands on the same batch. */
export type Route =
  | { name: 'new' }
  | { name: 'batch'; batchId: string }
  | { name: 'comparison'; comparisonId: string }
  /** The review queue of a batch's or a comparison's answers. */
  | { name: 'review'; subject: { kind: 'batch' | 'comparison'; id: string } }
  | { name: 'history'; tab: HistoryTab };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const review = /^\/(batches|comparisons)\/([^/?#]+)\/review$/.exec(path);
  if (review?.[2])
    return { name: 'review', subject: { kind: review[1] === 'batches' ? 'batch' : 'comparison', id: decodeURIComponent(review[2]) } };
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
    case 'review':
      return `#/${route.subject.kind === 'batch' ? 'batches' : 'comparisons'}/${encodeURIComponent(route.subject.id)}/review`;
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

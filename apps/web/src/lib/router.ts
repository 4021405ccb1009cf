import { useSyncExternalStore } from 'react';

/** Routes live in the hash, so the server needs no routing and a reload lands on the same batch. */
export type Route = { name: 'new' } | { name: 'batch'; batchId: string } | { name: 'history' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const batch = /^\/batches\/([^/?#]+)$/.exec(path);
  if (batch?.[1]) return { name: 'batch', batchId: decodeURIComponent(batch[1]) };
  if (path === '/history') return { name: 'history' };
  return { name: 'new' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'new':
      return '#/';
    case 'history':
      return '#/history';
    case 'batch':
      return `#/batches/${encodeURIComponent(route.batchId)}`;
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

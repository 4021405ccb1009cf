import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './router';

describe('routes', () => {
  it('reads back every route it writes, so a reload lands on the same view', () => {
    const routes: Route[] = [
      { name: 'new' },
      { name: 'batch', batchId: 'b 1/2' },
      { name: 'comparison', comparisonId: '0f6c-9a' },
      { name: 'history', tab: 'batches' },
      { name: 'history', tab: 'comparisons' },
      { name: 'review', subject: { kind: 'batch', id: 'b 1/2' } },
      { name: 'review', subject: { kind: 'comparison', id: '0f6c-9a' } },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('falls back to the start page for an unknown address', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'new' });
  });
});

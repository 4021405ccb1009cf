import { createHostRouter, type HostRouter, type HostRouterConfig } from '../inference/host-router';
import { parseHostUrl } from '../inference/host-url';

/** The host router the app builds, on the given doubles' base URLs (one URL: LMSTUDIO_BASE_URL's form). */
export function routerFor(baseUrls: string | string[], options: Partial<Omit<HostRouterConfig, 'hosts'>> = {}): HostRouter {
  const hosts = typeof baseUrls === 'string' ? [{ baseUrl: baseUrls, assumedKind: 'lmstudio' as const }] : baseUrls.map(parseHostUrl);
  return createHostRouter({ hosts, requestTimeoutMs: 10_000, ...options });
}

import type { ApiContext } from '@vision/api-contract';

// ---------------------------------------------------------------------------------------------------------
// tRPC context: the services are built once in createApp; each request gets the same ones.
// ---------------------------------------------------------------------------------------------------------
export function createContextFactory(inner: ApiContext) {
  return (): ApiContext => inner;
}

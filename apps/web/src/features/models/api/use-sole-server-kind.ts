import { serverKindName } from '@vision/core/server-kinds';
import { soleServerKind } from '../lib/image-destination';
import { useHosts } from './use-hosts';

/**
 * The one kind of inference server the app is set up with, for texts that name it ("LM Studio does not answer"):
 * `product` is null for several kinds, or while a server has not said what it is.
 */
export function useSoleServerKind(): { kind: string | null; product: string | null } {
  const hosts = useHosts({ poll: false });
  const kind = soleServerKind(hosts.data);
  return { kind, product: kind && serverKindName(kind) };
}

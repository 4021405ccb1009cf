import type { THostStatus } from '@vision/core/schemas';
import { serverKindName } from '@vision/core/server-kinds';
import type { Messages } from '../../../i18n/messages';

/** Where the photos go, as the page's footer says it. */
export interface ImageDestination {
  /** The product's name ("LM Studio") when every server is known to be of that one kind; else null. */
  product: string | null;
  /** Each server's host and port; null when every one is on the machine the app runs on. */
  addresses: string[] | null;
  count: number;
}

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1', '0.0.0.0']);

function isOnThisMachine(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function hostOf(baseUrl: string): URL | null {
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

type HostNaming = Pick<THostStatus, 'baseUrl' | 'kind'>;

/** The kind every server is known to be of ('lmstudio'); null for several kinds, an unknown one, or no list yet. */
export function soleServerKind(hosts: ReadonlyArray<HostNaming> | undefined): string | null {
  const kinds = new Set(hosts?.map((host) => host.kind));
  const [onlyKind] = kinds;
  return kinds.size === 1 && onlyKind ? onlyKind : null;
}

/** Null before the server has said which inference servers it uses (or when it has none). */
export function imageDestination(hosts: ReadonlyArray<HostNaming> | undefined): ImageDestination | null {
  if (!hosts || hosts.length === 0) return null;
  const kind = soleServerKind(hosts);
  const product = kind && serverKindName(kind);
  const urls = hosts.map((host) => hostOf(host.baseUrl));
  const local = urls.every((url) => url !== null && isOnThisMachine(url.hostname));
  const addresses = local ? null : hosts.map((host, index) => urls[index]?.host ?? host.baseUrl);
  return { product, addresses, count: hosts.length };
}

/** The footer's sentence in the reader's language: `list` joins the addresses ("a, b and c"). */
export function whereImagesGo(
  footer: Messages['app']['footer'],
  list: (items: string[]) => string,
  hosts: ReadonlyArray<HostNaming> | undefined,
): string {
  const destination = imageDestination(hosts);
  if (!destination) return footer.unknown;
  return footer.to(destination.product, destination.addresses && list(destination.addresses), destination.count);
}

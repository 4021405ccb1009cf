import type { ServerKind } from './server-kind';

/** A host of INFERENCE_HOSTS: `http://gpu1:11434/v1#parallel=2`. The fragment is read here and never sent. */
export interface HostAddress {
  /** The OpenAI-compatible base URL, without fragment or trailing slash. */
  baseUrl: string;
  /** Parallel requests the user set for this host; otherwise what the server reports, or its kind's default. */
  parallel?: number | undefined;
  /** Who is probably there before it ever answered (LMSTUDIO_BASE_URL; a server's usual port): for messages only. */
  assumedKind?: ServerKind | undefined;
}

const USUAL_PORTS: Record<string, ServerKind> = { '1234': 'lmstudio', '11434': 'ollama', '8080': 'llamacpp', '8000': 'vllm' };

export class HostUrlError extends Error {
  override readonly name = 'HostUrlError';
}

export function parseHostUrl(text: string): HostAddress {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new HostUrlError(`"${trimmed}" is not a URL (expected e.g. http://gpu1:11434/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HostUrlError(`"${trimmed}" must be an http(s) URL`);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const parallelText = fragment.get('parallel');
  let parallel: number | undefined;
  if (parallelText !== null) {
    parallel = Number(parallelText);
    if (!Number.isInteger(parallel) || parallel < 1 || parallel > 256) {
      throw new HostUrlError(`"${trimmed}": #parallel must be a whole number from 1 to 256`);
    }
  }
  url.hash = '';
  return { baseUrl: url.toString().replace(/\/+$/, ''), parallel, assumedKind: USUAL_PORTS[url.port] };
}

/** `INFERENCE_HOSTS`: comma-separated base URLs; duplicates are one host. */
export function parseHostList(text: string): HostAddress[] {
  const hosts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseHostUrl);
  const seen = new Set<string>();
  return hosts.filter((host) => !seen.has(host.baseUrl) && seen.add(host.baseUrl));
}

import type { Request, RequestHandler } from 'express';
import { refuse } from './refuse';
import { splitHost } from './allowed-hosts';

/** Methods that never change anything here; every other one (uploads, mutations, deletes) is a write. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Parses ALLOWED_ORIGINS (comma-separated origins such as https://tools.example.com); throws naming the entry. */
export function parseAllowedOrigins(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let url: URL | undefined;
      try {
        url = new URL(entry);
      } catch {
        url = undefined;
      }
      // Only scheme://name[:port]: a path, query or credentials would suggest a check this is not.
      if (!url || url.username || url.password || !/^https?:\/\/[^/?#@]+\/?$/i.test(entry)) {
        throw new Error(
          `ALLOWED_ORIGINS: "${entry}" is not an origin; list them as scheme://name[:port] with no path, e.g. http://localhost:5173,https://tools.example.com`,
        );
      }
      return url.origin;
    });
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * Whether the page that sent a request is served by this server: its origin's name and port are the request's
 * Host (already checked to be one of this server's names). The scheme is not compared: behind a TLS proxy the
 * page is https while the request reaches us as http; a Host without a port means the scheme's default.
 */
function originIsThisServer(origin: string, req: Request): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = splitHost(req.headers.host ?? '');
  if (!host || url.hostname !== host.name) return false;
  const originPort = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  return host.port === undefined ? url.port === '' : host.port === originPort;
}

/** Why a write from a browser is refused, or undefined when it may go ahead. */
export function crossSiteReason(req: Request, allowedOrigins: readonly string[]): string | undefined {
  if (READS.has(req.method)) return undefined;
  const origin = req.headers.origin;
  if (origin !== undefined && allowedOrigins.includes(origin.toLowerCase())) return undefined;
  // "null" is an opaque origin: a sandboxed frame, a file:// page or a cross-site redirect.
  if (origin !== undefined && !originIsThisServer(origin, req)) return `it came from a page on ${origin}`;
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'it came from a page on another site';
  return undefined;
}

/**
 * Refuses state-changing requests that a browser sends from another origin. A multipart upload is a "simple"
 * request (no preflight), so without this any web page the user opens could start batches on their GPU and
 * fill their disk. Clients that send neither Origin nor Sec-Fetch-Site (curl, scripts, the CLI) are no web page.
 */
export function sameOriginWrites(allowedOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const reason = crossSiteReason(req, allowedOrigins);
    if (!reason) return next();
    refuse(
      req,
      res,
      `Refused ${req.method} ${req.path}: ${reason}, not from this server. If that page is yours, add its origin to ALLOWED_ORIGINS.`,
    );
  };
}

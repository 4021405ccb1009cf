import { isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { refuse } from './refuse';

/**
 * Names of this server, beyond its own: `ALLOWED_HOSTS` parsed. `'any'` turns the check off (unsafe: DNS
 * rebinding is back). A name without a port matches any port (behind a reverse proxy the public port differs);
 * a leading dot (`.lan`) matches the name and every name under it.
 */
export type AllowedHosts = 'any' | readonly HostPattern[];
export interface HostPattern {
  name: string;
  port: number | undefined;
  subdomains: boolean;
}

const HOST_NAME = /^\.?(?=[a-z0-9])[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/** A Host header (or an ALLOWED_HOSTS entry) split into a lower-case name and an optional port. */
export function splitHost(value: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match) return undefined;
  const name = match[1]!.toLowerCase();
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && port > 65535) return undefined;
  if (name.startsWith('[') ? isIP(name.slice(1, -1)) !== 6 : !HOST_NAME.test(name)) return undefined;
  return { name, port };
}

/** Parses ALLOWED_HOSTS; throws a message naming the entry that is not a host name. */
export function parseAllowedHosts(text: string): AllowedHosts {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.includes('*')) {
    if (entries.length > 1) throw new Error('ALLOWED_HOSTS=* allows every name already: list names or use * alone');
    return 'any';
  }
  return entries.map((entry) => {
    const host = splitHost(entry);
    if (!host) {
      throw new Error(
        `ALLOWED_HOSTS: "${entry}" is not a host name; list names as the browser's address bar shows them, without http:// or a path, e.g. vision.example.com,mypc.lan:3000 (IPv6 in brackets: [fd00::5])`,
      );
    }
    const subdomains = host.name.startsWith('.');
    return { name: subdomains ? host.name.slice(1) : host.name, port: host.port, subdomains };
  });
}

/** `::ffff:192.168.1.20` (an IPv4 client on a dual-stack socket) is 192.168.1.20; IPv6 goes in brackets. */
function addressAsHostName(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(plain) === 6 ? `[${plain.toLowerCase()}]` : plain;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

export interface OwnNames {
  /** HOST as configured: a name of this server unless it is a wildcard such as 0.0.0.0. */
  configuredHost: string;
  allowedHosts: AllowedHosts;
}

/**
 * Whether a request's Host names this server. Its own names are localhost, 127.0.0.1, [::1], HOST and the
 * address the connection actually arrived on (so a server on 0.0.0.0 answers to http://192.168.1.20:3000
 * without configuration: an address is not a DNS name, so it cannot be rebound). They match on any port:
 * the port in Host is the one the browser connected to, which an SSH tunnel or `docker -p 8080:3000` changes,
 * and no web page can make a browser send one of these names with a port of its choosing.
 */
export function isOwnHost(req: Pick<Request, 'headers' | 'socket'>, names: OwnNames): boolean {
  if (names.allowedHosts === 'any') return true;
  const header = req.headers.host;
  // Browsers always send Host; a client that sends none (HTTP/1.0) is no web page.
  if (header === undefined) return true;
  const host = splitHost(header);
  if (!host) return false;
  const own = ['localhost', '127.0.0.1', '[::1]', addressAsHostName(req.socket.localAddress)];
  const configured = names.configuredHost.toLowerCase();
  if (!WILDCARDS.has(configured)) own.push(addressAsHostName(configured) ?? configured);
  if (own.includes(host.name)) return true;
  return names.allowedHosts.some(
    (allowed) =>
      // No port in Host: the scheme's default, 80 or (behind a TLS proxy) 443.
      (allowed.port === undefined ||
        allowed.port === host.port ||
        (host.port === undefined && (allowed.port === 80 || allowed.port === 443))) &&
      (host.name === allowed.name || (allowed.subdomains && host.name.endsWith(`.${allowed.name}`))),
  );
}

/**
 * Serves a request only when its Host is a name of this server: a page whose DNS name re-resolves to
 * 127.0.0.1 (DNS rebinding) reaches the server with its own name in Host, and is refused here, on every
 * route: API, tRPC, subscriptions, thumbnails, exports and the web app's files.
 */
export function hostCheck(names: OwnNames): RequestHandler {
  return (req, res, next) => {
    if (isOwnHost(req, names)) return next();
    const name = splitHost(req.headers.host ?? '')?.name;
    const example = name ? `, e.g. ALLOWED_HOSTS=${name}` : '';
    refuse(
      req,
      res,
      `This server does not answer to the name ${JSON.stringify(req.headers.host)}. If you reach it by that name on purpose (a LAN name or a reverse proxy), add it to ALLOWED_HOSTS${example}.`,
    );
  };
}

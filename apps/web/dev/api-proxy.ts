import type { ProxyOptions } from 'vite';

/** Whether an Origin header names the host the request was sent to (the page and the request share a server). */
function originIsHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // "null" and other opaque origins
  }
}

/**
 * The dev server's proxy to the API server. The API server answers only to its own names and takes writes only
 * from its own origin, while in development the app's pages come from Vite's (http://localhost:5173). So the
 * proxy presents the request as the server's own: Host always (changeOrigin), and Origin only when the page is
 * Vite's own. A page on any other origin keeps its Origin and is refused, as it would be without Vite.
 */
export function apiProxy(target: string): ProxyOptions {
  const targetOrigin = new URL(target).origin;
  return {
    target,
    changeOrigin: true,
    configure: (proxy) => {
      proxy.on('proxyReq', (proxyReq, req) => {
        const { origin, host } = req.headers;
        if (origin && host && originIsHost(origin, host)) proxyReq.setHeader('origin', targetOrigin);
      });
    },
  };
}

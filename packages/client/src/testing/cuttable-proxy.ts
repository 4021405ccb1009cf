import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * An HTTP proxy in front of the test server whose connections a test can cut (as a flaky network or a server
 * restart would) and which can refuse new ones for a while. It records every request it forwards.
 */
export async function startCuttableProxy(target: string) {
  const sockets = new Set<Socket>();
  const requests: ProxiedRequest[] = [];
  let refusing = false;

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    // Host as the server's own name: a flaky network between client and server changes no header (and the
    // server answers only to its own names).
    const headers = { ...req.headers, host: new URL(target).host };
    const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    if (refusing) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    /** Destroys every open connection, streams included. */
    cut(): void {
      for (const socket of sockets) socket.destroy();
    },
    /** While set, new connections are closed as soon as they open. */
    refuse(on: boolean): void {
      refusing = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

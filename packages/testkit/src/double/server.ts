import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RawImage } from './bmp';
import { DoubleState } from './double-state';
import { routeRequest } from './routes';
import type { ChatRequestLogEntry, DoubleMetrics, FaultSpec, DoubleOptions, ServerKind } from './types';

/** The double of any server kind. */
export interface InferenceDouble {
  /** Which server it plays. */
  readonly kind: ServerKind;
  /** OpenAI-style base URL, e.g. `http://127.0.0.1:1234/v1`. */
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT`, for the native /api routes and the /__double control API. */
  readonly origin: string;
  readonly port: number;
  /** Live log of chat completion requests, oldest first. */
  readonly requests: readonly ChatRequestLogEntry[];
  /** The live options, including model load states. */
  readonly options: Readonly<DoubleOptions>;
  readonly isDown: boolean;
  injectFault(spec: FaultSpec): void;
  clearFaults(): void;
  setOptions(partial: Partial<DoubleOptions>): Promise<void>;
  metrics(): DoubleMetrics;
  resetMetrics(): void;
  clearRequests(): void;
  /** Registers a reference photo: bytes of any format sharp reads, an uncompressed BMP, or raw pixels. */
  registerLabel(label: string, image: Uint8Array | RawImage): Promise<void>;
  /** The server goes away: the port refuses connections and open connections are cut. */
  down(): Promise<void>;
  /** Back on the same port. */
  up(): Promise<void>;
  /** llama.cpp reloading its model: every route answers 503 "Loading model" for `ms`. */
  startLoading(ms: number): void;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** A double of the given server kind (LM Studio, Ollama, llama.cpp's llama-server or vLLM). */
export async function startDouble(kind: ServerKind, options: Partial<DoubleOptions> = {}): Promise<InferenceDouble> {
  const state = new DoubleState({ ...options, kind });
  await state.whenLabelsReady();

  const sockets = new Set<Socket>();
  let isDown = false;
  let closed = false;
  let upTimer: NodeJS.Timeout | undefined;

  const context = { state, goDown: (downForMs: number | undefined) => void goDown(downForMs) };
  const server = createServer((req, res) => {
    routeRequest(context, req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server, state.options.port);
  const port = (server.address() as AddressInfo).port;

  async function goDown(downForMs?: number): Promise<void> {
    if (isDown) return;
    isDown = true;
    const closing = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) {
      state.killedSockets.add(socket);
      socket.destroy();
    }
    await closing;
    if (downForMs !== undefined && !closed) upTimer = setTimeout(() => void up(), downForMs);
  }

  async function up(): Promise<void> {
    if (!isDown || closed) return;
    clearTimeout(upTimer);
    await listen(server, port);
    isDown = false;
  }

  return {
    kind: state.options.kind,
    baseUrl: `http://${HOST}:${port}/v1`,
    origin: `http://${HOST}:${port}`,
    port,
    get requests() {
      return state.requests;
    },
    get options() {
      return state.options;
    },
    get isDown() {
      return isDown;
    },
    injectFault: (spec) => state.faults.inject(spec),
    clearFaults: () => state.faults.clear(),
    setOptions: (partial) => state.setOptions(partial),
    metrics: () => state.metrics(),
    resetMetrics: () => state.resetMetrics(),
    clearRequests: () => void state.requests.splice(0),
    registerLabel: (label, image) => state.registerLabel(label, image),
    down: () => goDown(),
    up,
    startLoading: (ms) => state.startLoading(ms),
    close: async () => {
      clearTimeout(upTimer);
      await goDown();
      closed = true;
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

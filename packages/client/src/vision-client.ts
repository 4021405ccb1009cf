import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@vision/api-contract';
import { exportBatch, type ExportedFile, type ExportFormat, type ExportOptions } from './export-batch';
import { exportComparison, type ComparisonExportFormat } from './export-comparison';
import { deleteById, type DeletedByIdResult } from './delete-by-id';
import { followBatch, type FollowBatchOptions, type ProgressEntry } from './follow-batch';
import { createServerFetch, errorFromResponse, normaliseServerUrl, type ServerConnection } from './server-fetch';
import { uploadBatch, type UploadBatchInput } from './upload-batch';
import { uploadComparison, type UploadComparisonInput, type UploadedComparison } from './upload-comparison';

export interface VisionClientOptions {
  /** e.g. `http://127.0.0.1:3000` */
  serverUrl: string;
  /** Sent as `Authorization: Bearer <token>` on every request, the progress stream included. */
  token?: string | undefined;
}

/** What the typed tRPC client answers: the contract's types as JSON carries them (an `unknown` field may be absent). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type ComparisonView = RouterOutputs['comparisons']['get'];

/** The server's readiness (`GET /api/ready`): `ok` when its inference servers answer and it is not stopping. */
export interface ServerHealth {
  ok: boolean;
  stopping?: boolean;
  /** Every inference server together. */
  inference: { reachable: boolean; error?: string; [key: string]: unknown };
  /** Each inference server: its kind, slots and whether it answers. */
  hosts?: Array<{ baseUrl: string; kind: string | null; reachable: boolean; inRotation: boolean; slots: number; error: string | null }>;
}

export interface VisionClient {
  serverUrl: string;
  /** The whole typed tRPC client; `models`, `batches` and `comparisons` below are its routers. */
  trpc: TRPCClient<AppRouter>;
  models: TRPCClient<AppRouter>['models'];
  batches: TRPCClient<AppRouter>['batches'];
  comparisons: TRPCClient<AppRouter>['comparisons'];
  uploadBatch(input: UploadBatchInput): Promise<{ batchId: string }>;
  followBatch(batchId: string, options?: FollowBatchOptions): AsyncGenerator<ProgressEntry, void, undefined>;
  exportBatch(batchId: string, format: ExportFormat, options?: ExportOptions): Promise<ExportedFile>;
  /** Several models over one upload; follow each model's batch with `followBatch`, read the result with `comparisons.get`. */
  uploadComparison(input: UploadComparisonInput): Promise<UploadedComparison>;
  exportComparison(comparisonId: string, format: ComparisonExportFormat, options?: ExportOptions): Promise<ExportedFile>;
  health(): Promise<ServerHealth>;
  /**
   * Deletes the batch or comparison with this id for good (a comparison with every model's batch); an id of
   * neither rejects with a 404 VisionApiError, one model's batch of a comparison with the server's refusal.
   */
  deleteById(id: string): Promise<DeletedByIdResult>;
}

/**
 * A typed client of one Vision batch server. Every call that cannot reach the server rejects with a
 * ConnectionError naming its URL; tRPC calls reject with TRPCClientError otherwise (the server's message).
 */
export function createVisionClient(options: VisionClientOptions): VisionClient {
  const connection: ServerConnection = { serverUrl: normaliseServerUrl(options.serverUrl), token: options.token || undefined };
  const { serverUrl } = connection;
  const fetchServer = createServerFetch(connection);
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${serverUrl}/trpc`, EventSource, eventSourceOptions: { fetch: fetchServer } }),
        false: httpBatchLink({ url: `${serverUrl}/trpc`, fetch: fetchServer }),
      }),
    ],
  });

  return {
    serverUrl,
    trpc,
    models: trpc.models,
    batches: trpc.batches,
    comparisons: trpc.comparisons,
    uploadBatch: (input) => uploadBatch(connection, input),
    uploadComparison: (input) => uploadComparison(fetchServer, serverUrl, input),
    exportComparison: (comparisonId, format, exportOptions) =>
      exportComparison(fetchServer, serverUrl, comparisonId, format, exportOptions),
    followBatch: (batchId, followOptions) => followBatch({ trpc, serverUrl }, batchId, followOptions),
    exportBatch: (batchId, format, exportOptions) => exportBatch(fetchServer, serverUrl, batchId, format, exportOptions),
    deleteById: (id) => deleteById(trpc, id),
    health: async () => {
      // Readiness: 503 is an answer too (LM Studio unreachable, or the server stopping), not an error.
      const response = await fetchServer(`${serverUrl}/api/ready`);
      if (!response.ok && response.status !== 503) throw await errorFromResponse(response, 'Health check');
      return (await response.json()) as ServerHealth;
    },
  };
}

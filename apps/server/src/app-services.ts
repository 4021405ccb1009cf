import path from 'node:path';
import {
  createBatchFiles,
  createBatchService,
  createComparisonService,
  createHostRouter,
  createReviewService,
  DEFAULT_MAX_INPUT_PIXELS,
  type BatchRepository,
  type BatchService,
  type ComparisonService,
  type HostRouter,
  type ReviewService,
} from '@vision/core';
import type { ServerConfig } from './env';
import type { ServerLogger } from './logging/logger';
import type { Cluster } from './queue/cluster';
import { clusterInference } from './queue/cluster-inference';
import { openRepository, openReviewRepository } from './storage/open-repository';

type ReviewStore = Awaited<ReturnType<typeof openReviewRepository>>;

export interface AppServices {
  repository: BatchRepository;
  reviewRepository: ReviewStore;
  /** This process's inference hosts (INFERENCE_HOSTS, or the one at LMSTUDIO_BASE_URL). */
  inference: HostRouter;
  /** The models a batch may ask for: in a cluster the workers say which exist; alone, this server's hosts do. */
  models: HostRouter | ReturnType<typeof clusterInference>;
  batches: BatchService;
  comparisons: ComparisonService;
  reviews: ReviewService;
}

/** The stores and the domain's services, wired as the server runs them (alone, or as a cluster's API server). */
export async function createServices(
  config: ServerConfig,
  { logger, cluster }: { logger: ServerLogger; cluster: Cluster | undefined },
): Promise<AppServices> {
  const repository = await openRepository(config);
  const reviewRepository = await openReviewRepository(config);
  // One router for the process: every batch's requests share the hosts' slots, batches taking turns.
  const inference = createHostRouter({ hosts: config.hosts, ...config.inference });
  const models = cluster ? clusterInference(inference, cluster.workers) : inference;
  const batches = createBatchService({
    inference: models,
    repository,
    files: createBatchFiles(path.join(config.dataDir, 'batches')),
    limits: config.limits,
    prepareOptions: { maxSide: config.maxImageSide, maxPixels: DEFAULT_MAX_INPUT_PIXELS },
    concurrency: config.concurrency,
    logger,
    cluster,
    // A deleted batch's review decisions go with it.
    onDeleted: (batchId) => reviewRepository.forget({ kind: 'batch', id: batchId }),
  });
  const comparisons = createComparisonService({ batches, repository, inference: models, limits: config.limits, reviews: reviewRepository });
  const reviews = createReviewService({ batches, comparisons, reviews: reviewRepository });
  return { repository, reviewRepository, inference, models, batches, comparisons, reviews };
}

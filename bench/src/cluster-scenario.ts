import type { InferenceDouble } from '@vision/testkit';
import { clusterServicesMissing, startLocalCluster, type LocalCluster } from '@vision/server/testing/cluster';
import type { BenchPhoto } from './photos';
import { POOL_TIME_SCALE, slowSpeeds } from './pool-scenario';
import { MODEL } from './scenarios';
import { runThroughServer, type ServerRun } from './server-batch';

export const CLUSTER_TARGET_SPEEDUP = 2.5;
const SLOTS = 4;

export interface ClusterRun {
  run: ServerRun;
  correct: number;
  /** From the upload's last byte to the first request reaching a worker's double. */
  toFirstJobMs: number;
  /** The doubles' floor (the slowest one's): what the simulated GPUs alone would take. */
  floorMs: number;
  /** Requests the doubles received, all together (35 when each image was sent once). */
  sent: number;
}

export interface ClusterMeasurement {
  one: ClusterRun;
  three: ClusterRun;
  /** `victimHeld`: the images the killed worker held (its health's `running`) just before it was killed. */
  killed: ClusterRun & { victimInFlight: number; victimHeld: number; sentTwice: number };
}

const correctOf = (run: ServerRun, photos: BenchPhoto[]) => run.entities.filter((entity, index) => entity === photos[index]!.label).length;

/**
 * `pnpm bench cluster`: Postgres, Redis, two API servers and workers as their own processes, each worker beside its
 * own LM Studio double of 4 slots slowed ×POOL_TIME_SCALE; 35 photos uploaded to one API server and followed on it.
 * One worker, then three, then three with one killed (SIGKILL) mid-batch.
 */
export async function measureCluster(photos: BenchPhoto[], log: (line: string) => void): Promise<ClusterMeasurement | string> {
  const missing = clusterServicesMissing();
  if (missing) return missing;
  const double = { ...slowSpeeds(), labelCorpus: true, parallel: SLOTS };
  const cluster = await startLocalCluster({ apis: 2, workers: 1, double, queueLockS: 5 });
  try {
    log('(cluster) warming up...');
    await runThroughServer(cluster.apis[0]!.url, photos.slice(0, 1), MODEL);
    log('(cluster) one worker...');
    const one = await measureRun(cluster, photos);
    await Promise.all([cluster.addWorker(), cluster.addWorker()]);
    await runThroughServer(cluster.apis[1]!.url, photos.slice(0, 3), MODEL);
    log('(cluster) three workers...');
    const three = await measureRun(cluster, photos);
    log('(cluster) three workers, one killed mid-batch...');
    const victim = cluster.workers[1]!;
    let victimInFlight = 0;
    let victimHeld = 0;
    const killed = await measureRun(cluster, photos, async () => {
      while (!(victim.double.metrics().completed >= 2 && victim.double.metrics().inFlight > 0))
        await new Promise((resolve) => setTimeout(resolve, 20));
      const health = (await (await fetch(`${victim.process.url}/api/health`)).json()) as { running: number };
      victimInFlight = victim.double.metrics().inFlight;
      victimHeld = health.running;
      victim.process.child.kill('SIGKILL');
    });
    return { one, three, killed: { ...killed, victimInFlight, victimHeld, sentTwice: killed.sent - photos.length } };
  } finally {
    await cluster.close();
  }
}

async function measureRun(cluster: LocalCluster, photos: BenchPhoto[], during?: () => Promise<void>): Promise<ClusterRun> {
  const doubles: InferenceDouble[] = cluster.workers.map((worker) => worker.double);
  for (const double of doubles) {
    double.resetMetrics();
    double.clearRequests();
  }
  const running = runThroughServer(cluster.apis[0]!.url, photos, MODEL);
  await during?.();
  const run = await running;
  const firstRequest = Math.min(...doubles.flatMap((double) => double.requests.map((request) => request.startedAt)));
  return {
    run,
    correct: correctOf(run, photos),
    toFirstJobMs: firstRequest - run.uploadEndedAtEpoch,
    floorMs: Math.max(...doubles.map((double) => double.metrics().floorMs)),
    sent: doubles.reduce((sum, double) => sum + double.requests.length, 0),
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');

export function printClusterReport(measured: ClusterMeasurement | string): void {
  if (typeof measured === 'string') return void console.log(`\nCluster: skipped (${measured}).`);
  const { one, three, killed } = measured;
  const total = one.run.stats.total_images;
  const speedup = one.run.wallMs / three.run.wallMs;
  const row = (name: string, run: ClusterRun, target: string) => [
    name,
    s(run.run.wallMs),
    `${(one.run.wallMs / run.run.wallMs).toFixed(2)}×`,
    `${run.run.stats.successful}/${total} (${run.correct} named right)`,
    s(run.toFirstJobMs),
    String(run.sent),
    target,
  ];
  const rows = [
    row('one worker', one, ''),
    row('three workers', three, `${mark(speedup >= CLUSTER_TARGET_SPEEDUP)} ≥${CLUSTER_TARGET_SPEEDUP}×`),
    row(
      'three, one killed mid-batch',
      killed,
      `${mark(killed.run.stats.successful === total)} nothing lost, ${mark(killed.sentTwice <= killed.victimHeld)} re-sent ≤ held`,
    ),
  ];
  const header = ['cluster scenario', 'wall', 'vs one', 'answered', 'upload → first job', 'requests sent', 'targets'];
  const overheadMs = (one.run.wallMs - one.floorMs) / total;
  console.log(
    [
      '',
      `Cluster: Postgres, Redis, two API servers and 1 or 3 workers as processes (SERVER_ROLE), each worker beside its own`,
      `LM Studio double of ${SLOTS} slots at RTX 3060 speeds slowed ×${POOL_TIME_SCALE}; 35 photos uploaded to one API server.`,
      '',
      ...[header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`),
      '',
      `Killed worker: it held ${killed.victimHeld} image(s) (${killed.victimInFlight} at its double) when killed; ${killed.sentTwice} image(s) were sent twice.`,
      `Queue overhead per image (one worker, wall minus the double's floor, over ${total}): ${overheadMs.toFixed(0)} ms ` +
        '(preparation of a 12 MP photo on this machine included).',
    ].join('\n'),
  );
}

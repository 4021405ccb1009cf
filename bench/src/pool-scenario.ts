import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LATENCY_PRESETS, startDouble, type InferenceDouble, type DoubleOptions } from '@vision/testkit';
import type { BenchPhoto } from './photos';
import { MODEL, PRESET } from './scenarios';
import { runThroughServer, type ServerRun } from './server-batch';
import { startServerProcess } from './server-process';

/**
 * Every simulated cost of the pool scenario is multiplied by this: a GPU this many times slower than an RTX 3060.
 * The bench machine plays the coordinator (decoding 35 photos of 12 MP) and three servers on two cores; at ×4 the
 * simulated GPUs, not those cores, set the pace, as real GPUs would.
 */
export const POOL_TIME_SCALE = 4;
export const POOL_TARGET_SPEEDUP = 2.8;
const SLOTS = 4;

export interface PoolMeasurement {
  one: ServerRun;
  pool: ServerRun;
  oneCorrect: number;
  poolCorrect: number;
  /** Requests each pool host answered, and the most it held at once. */
  perHost: Array<{ answered: number; maxInFlight: number }>;
  killed: { run: ServerRun; correct: number; victimCutOff: number; answeredByVictim: number };
}

export function slowSpeeds(): Partial<DoubleOptions> {
  const speeds = LATENCY_PRESETS[PRESET];
  return {
    decodeMsPerMB: speeds.decodeMsPerMB * POOL_TIME_SCALE,
    visionEncoderMs: speeds.visionEncoderMs * POOL_TIME_SCALE,
    promptTokensPerSecond: speeds.promptTokensPerSecond / POOL_TIME_SCALE,
    generationTokensPerSecond: speeds.generationTokensPerSecond / POOL_TIME_SCALE,
  };
}

const correctOf = (run: ServerRun, photos: BenchPhoto[]) => run.entities.filter((entity, index) => entity === photos[index]!.label).length;

/** The same 35 photos through one LM Studio (4 slots) and through a pool of three; then a pool losing a host. */
export async function measurePool(photos: BenchPhoto[], log: (line: string) => void): Promise<PoolMeasurement> {
  const options = { ...slowSpeeds(), kind: 'lmstudio' as const, labelCorpus: true, parallel: SLOTS };
  const doubles = await Promise.all([startDouble('lmstudio', options), startDouble('lmstudio', options), startDouble('lmstudio', options)]);
  const hosts = doubles.map((double) => double.baseUrl).join(',');
  const [first] = doubles as [InferenceDouble, ...InferenceDouble[]];
  const reset = () => doubles.forEach((double) => (double.resetMetrics(), double.clearRequests()));
  try {
    log('(pool) one LM Studio, 4 slots...');
    const one = await withServer({ INFERENCE_HOSTS: first.baseUrl }, photos, reset);
    log('(pool) three LM Studios, 4 slots each...');
    const pool = await withServer({ INFERENCE_HOSTS: hosts }, photos, reset);
    const perHost = doubles.map((double) => ({
      answered: double.requests.filter((r) => r.status === 200).length,
      maxInFlight: double.metrics().maxInFlight,
    }));

    log('(pool) three LM Studios, one stopped mid-batch...');
    const victim = doubles[1]!;
    let victimCutOff = 0;
    let answeredByVictim = 0;
    const killed = await withServer({ INFERENCE_HOSTS: hosts }, photos, reset, async () => {
      // Once it has answered a few and holds requests, it goes away: its port refuses, its connections are cut.
      while (!(victim.metrics().completed >= 3 && victim.metrics().inFlight > 0)) await new Promise((resolve) => setTimeout(resolve, 20));
      victimCutOff = victim.metrics().inFlight;
      answeredByVictim = victim.metrics().completed;
      await victim.down();
    });
    return {
      one,
      pool,
      oneCorrect: correctOf(one, photos),
      poolCorrect: correctOf(pool, photos),
      perHost,
      killed: { run: killed, correct: correctOf(killed, photos), victimCutOff, answeredByVictim },
    };
  } finally {
    await Promise.all(doubles.map((double) => double.close()));
  }
}

async function withServer(
  env: Record<string, string>,
  photos: BenchPhoto[],
  reset: () => void,
  during?: () => Promise<void>,
): Promise<ServerRun> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-bench-pool-'));
  const server = await startServerProcess({ ...env, DATA_DIR: dataDir });
  try {
    // A warm-up image first, so the measured batch does not pay for loading modules on first use.
    await runThroughServer(server.url, photos.slice(0, 1), MODEL);
    reset();
    const running = runThroughServer(server.url, photos, MODEL);
    await during?.();
    return await running;
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

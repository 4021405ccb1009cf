/**
 * `pnpm bench [a b c pool]` (and `pnpm bench cluster`, only by name: Postgres, Redis, API servers and workers): 35 camera photos (~90 MB) through the real server against the LM Studio double, compared
 * with the double's floor and with the seed's naive one-image-at-a-time way; then (c) 140 of them through the
 * CLI as one dataset; then (pool) one double against a pool of three. Prints Markdown tables. Scenario keys on the
 * command line run only those.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDouble } from '@vision/testkit';
import { runNaive, type NaiveRun } from './naive';
import { benchPhotos, type BenchPhoto } from './photos';
import { datasetReport, measureDataset } from './dataset';
import { DATASET_SCENARIO, MODEL, PRESET, SCENARIOS, SPEED_SCALE, type Scenario } from './scenarios';
import { runThroughServer, type ServerRun } from './server-batch';
import { startServerProcess } from './server-process';
import { promptStageUse } from './prompt-stage';
import { printReport, type Measured } from './report';
import { measurePool } from './pool-scenario';
import { printPoolReport } from './pool-report';
import { measurePreparation } from './prepare-per-core';
import { measureCluster, printClusterReport } from './cluster-scenario';

const log = (line: string) => process.stderr.write(`${line}\n`);
const benchStartedAt = performance.now();

const photos = await benchPhotos(log);
const totalMb = photos.reduce((sum, photo) => sum + photo.bytes, 0) / 1e6;
log(`${photos.length} photos, ${totalMb.toFixed(1)} MB; double: ${PRESET} speeds ×${SPEED_SCALE}`);

const chosen = process.argv.slice(2).filter((arg) => arg !== '--');
const wanted = (key: string) => chosen.length === 0 || chosen.includes(key);
// The cluster needs Postgres and Redis and takes minutes: it runs only when asked by name.
const CLUSTER = 'cluster';
const measured: Measured[] = [];
for (const scenario of SCENARIOS) if (wanted(scenario.key)) measured.push(await measure(scenario, photos));
const dataset = wanted(DATASET_SCENARIO.key) ? await measureDataset(DATASET_SCENARIO, photos, log) : undefined;
if (measured.length)
  printReport({
    measured,
    photos: photos.length,
    totalMb,
    preset: PRESET,
    speedScale: SPEED_SCALE,
    benchS: (performance.now() - benchStartedAt) / 1000,
  });
if (dataset)
  console.log(
    [
      '',
      ...datasetReport(dataset),
      `Load average: ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}.`,
    ].join('\n'),
  );
// `pool`: one LM Studio double against a pool of three (and one stopped mid-batch), then preparation per core.
if (chosen.includes(CLUSTER)) printClusterReport(await measureCluster(photos, log));
if (wanted('pool')) {
  const pool = await measurePool(photos, log);
  log('(prep) image preparation per core...');
  printPoolReport(pool, await measurePreparation(photos), os.availableParallelism());
}

async function measure(scenario: Scenario, batch: BenchPhoto[]): Promise<Measured> {
  const double = await startDouble('lmstudio', scenario.double);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vision-bench-data-'));
  try {
    log(`(${scenario.key}) ${scenario.title}: through the server...`);
    const server = await startServerProcess({ INFERENCE_HOSTS: double.baseUrl, DATA_DIR: dataDir });
    let run: ServerRun;
    let peakRssBytes: number;
    try {
      // One small batch first, so the measured one does not pay for loading modules on first use.
      await runThroughServer(server.url, batch.slice(0, 1), MODEL);
      double.resetMetrics();
      double.clearRequests();
      run = await runThroughServer(server.url, batch, MODEL);
      peakRssBytes = await server.peakRss();
    } finally {
      await server.stop();
    }
    const { floorMs, maxInFlight } = double.metrics();
    const stage = promptStageUse(double.requests, run.uploadEndedAtEpoch, run.finishedAtEpoch);
    const correct = run.entities.filter((entity, index) => entity === batch[index]!.label).length;

    log(`(${scenario.key}) the naive way...`);
    double.resetMetrics();
    const naive: NaiveRun = await runNaive(double.baseUrl, batch, MODEL);
    for (const error of naive.errors.slice(0, 3)) log(`  naive failure: ${error}`);
    return { scenario, run, floorMs, maxInFlight, stage, peakRssBytes, correct, naive, naiveFloorMs: double.metrics().floorMs };
  } finally {
    await double.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

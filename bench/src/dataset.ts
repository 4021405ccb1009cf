import { spawn } from 'node:child_process';
import { link, copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDouble, type ChatRequestLogEntry } from '@vision/testkit';
import { createTestTrpcClient } from '@vision/server/testing';
import type { BenchPhoto } from './photos';
import { promptStageUse, type PromptStageUse } from './prompt-stage';
import { MODEL, type Scenario } from './scenarios';
import { runThroughServer } from './server-batch';
import { startServerProcess } from './server-process';

/** The CLI as a user runs it: its bin, in its own process. */
const CLI_BIN = fileURLToPath(new URL('../../packages/client/bin/vision-batch.js', import.meta.url));
/** 35 photos × 4 = 140, in four folders: four batches of 35 for the CLI. */
const ROUNDS = 4;

export interface DatasetRun {
  scenario: Scenario;
  photos: number;
  batches: number;
  /** From the server taking the first batch (its createdAt) to the CLI's exit, everything written. */
  wallMs: number;
  /** From starting the CLI process to its exit: Node starting (the compiled CLI), the first upload included. */
  processMs: number;
  floorMs: number;
  maxInFlight: number;
  stage: PromptStageUse;
  answered: number;
  correct: number;
  /** Each batch's createdAt and finishedAt, in seconds after the first batch's createdAt. */
  timeline: Array<[number, number]>;
  /** The prompt stage's idle spells over 100 ms: [start in seconds after the first batch, length in ms]. */
  gaps: Array<[number, number]>;
}

/**
 * `vision-batch analyze <folder> --out results.jsonl` over 140 camera photos (the bench photos, hard-linked four
 * times) against the real server and the double: the dataset path, batch after batch, timed against the floor.
 */
export async function measureDataset(scenario: Scenario, photos: BenchPhoto[], log: (line: string) => void): Promise<DatasetRun> {
  const double = await startDouble('lmstudio', scenario.double);
  const work = await mkdtemp(path.join(os.tmpdir(), 'vision-bench-dataset-'));
  try {
    const labels = await linkDataset(photos, path.join(work, 'photos'));
    const server = await startServerProcess({ INFERENCE_HOSTS: double.baseUrl, DATA_DIR: path.join(work, 'data') });
    try {
      await runThroughServer(server.url, photos.slice(0, 1), MODEL); // modules loaded before the measured run
      double.resetMetrics();
      double.clearRequests();
      log(`(${scenario.key}) ${labels.size} photos through the CLI...`);
      const out = path.join(work, 'results.jsonl');
      const started = Date.now();
      const code = await runCliProcess([
        'analyze',
        path.join(work, 'photos'),
        '--model',
        MODEL,
        '--server',
        server.url,
        '--out',
        out,
        '--quiet',
      ]);
      const exitedAt = Date.now();
      if (code !== 0) throw new Error(`the CLI exited with ${code}`);
      const rows = (await readFile(out, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { filename: string; entity: string | null; batch_id: string });
      const batchIds = [...new Set(rows.map((row) => row.batch_id))];
      const trpc = createTestTrpcClient(server.url);
      const views = await Promise.all(batchIds.map((batchId) => trpc.batches.get.query({ batchId })));
      const firstAt = Date.parse(views[0]!.createdAt);
      const since = (iso: string | null) => (iso ? (Date.parse(iso) - firstAt) / 1000 : Number.NaN);
      const { floorMs, maxInFlight } = double.metrics();
      return {
        scenario,
        photos: rows.length,
        batches: batchIds.length,
        wallMs: exitedAt - firstAt,
        processMs: exitedAt - started,
        floorMs,
        maxInFlight,
        stage: promptStageUse(double.requests, firstAt, exitedAt),
        answered: rows.filter((row) => row.entity !== null).length,
        correct: rows.filter((row) => row.entity === labels.get(row.filename)).length,
        timeline: views.map((view) => [since(view.createdAt), since(view.finishedAt)]),
        gaps: idleSpells(double.requests, firstAt),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await double.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** `photos/<round>/<name>` for every round; answers each name's label. */
async function linkDataset(photos: BenchPhoto[], dir: string): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  for (let round = 0; round < ROUNDS; round += 1) {
    await mkdir(path.join(dir, String(round)), { recursive: true });
    for (const photo of photos) {
      const target = path.join(dir, String(round), photo.name);
      await link(photo.path, target).catch(() => copyFile(photo.path, target)); // another file system: copy
      labels.set(`${round}/${photo.name}`, photo.label);
    }
  }
  return labels;
}

function idleSpells(requests: readonly ChatRequestLogEntry[], firstAt: number): Array<[number, number]> {
  const turns = requests
    .filter((request) => request.promptStartedAt !== undefined && request.promptEndedAt !== undefined)
    .map((request) => [request.promptStartedAt!, request.promptEndedAt!] as const)
    .sort((a, b) => a[0] - b[0]);
  const gaps: Array<[number, number]> = [];
  for (let i = 1; i < turns.length; i += 1) {
    const idle = turns[i]![0] - turns[i - 1]![1];
    if (idle > 100) gaps.push([(turns[i - 1]![1] - firstAt) / 1000, idle]);
  }
  return gaps;
}

function runCliProcess(args: string[]): Promise<number | null> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VISION_')));
  const child = spawn(process.execPath, [CLI_BIN, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function datasetReport(run: DatasetRun): string[] {
  const ratio = run.wallMs / run.floorMs;
  return [
    '| scenario | CLI wall | floor | wall/floor | CLI process | answered | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| (${run.scenario.key}) ${run.scenario.title} | ${s(run.wallMs)} | ${s(run.floorMs)} | ${ratio.toFixed(3)}× | ${s(run.processMs)} | ` +
      `${run.answered}/${run.photos} (${run.correct} named right) | ${ratio <= 1.06 ? '✓' : '✗'} ≤1.06× floor |`,
    '',
    `(${run.scenario.key}) ${run.batches} batches; at most ${run.maxInFlight} request(s) at LM Studio at once; prompt stage: first turn ` +
      `${Math.round(run.stage.beforeFirstMs)} ms after the server took the first batch, idle ${Math.round(run.stage.idleMs)} ms between turns ` +
      `(all batches), last turn ended ${Math.round(run.stage.afterLastMs)} ms before the CLI exited.`,
    `Batches (created → finished, s after the first was created): ${run.timeline.map(([a, b]) => `${a.toFixed(1)}→${b.toFixed(1)}`).join(', ')}.`,
    `Prompt stage idle over 100 ms (at s: ms): ${run.gaps.map(([at, ms]) => `${at.toFixed(1)}: ${Math.round(ms)}`).join(', ') || 'none'}.`,
    'CLI wall: from the server taking the first batch (its createdAt: the last byte of the first upload) to the CLI',
    'exiting with results.jsonl written. CLI process: from starting the CLI (Node, the first upload) to its exit.',
  ];
}

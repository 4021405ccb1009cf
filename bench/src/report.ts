import os from 'node:os';
import type { NaiveRun } from './naive';
import type { PromptStageUse } from './prompt-stage';
import type { Scenario } from './scenarios';
import type { ServerRun } from './server-batch';

export interface Measured {
  scenario: Scenario;
  run: ServerRun;
  floorMs: number;
  /** The most requests LM Studio (the double) served at once. */
  maxInFlight: number;
  stage: PromptStageUse;
  peakRssBytes: number;
  /** Items whose entity is the photo's label. */
  correct: number;
  naive: NaiveRun;
  naiveFloorMs: number;
}

const TARGETS = { floorRatio: 1.1, naiveSpeedup: 10, peakRssMb: 250, firstEventS: 1 };

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');

export function printReport(input: {
  measured: Measured[];
  photos: number;
  totalMb: number;
  preset: string;
  speedScale: number;
  benchS: number;
}) {
  const rows = input.measured.map(({ scenario, run, floorMs, peakRssBytes, correct, naive }) => {
    const ratio = run.wallMs / floorMs;
    const speedup = naive.wallMs / run.wallMs;
    const checks = [
      scenario.key === 'b' ? `${mark(ratio <= TARGETS.floorRatio)} ≤${TARGETS.floorRatio}× floor` : null,
      scenario.key === 'a' ? `${mark(speedup >= TARGETS.naiveSpeedup)} ≥${TARGETS.naiveSpeedup}× naive` : null,
      `${mark(peakRssBytes / 1024 / 1024 < TARGETS.peakRssMb)} RSS`,
      `${mark(run.toFirstEventMs < TARGETS.firstEventS * 1000)} 1st event`,
    ].filter(Boolean);
    return [
      `(${scenario.key}) ${scenario.title}`,
      s(run.wallMs),
      s(floorMs),
      `${ratio.toFixed(2)}×`,
      `${s(naive.wallMs)} (${naive.failed} failed)`,
      `${speedup.toFixed(1)}×`,
      mb(peakRssBytes),
      `${Math.round(run.toFirstEventMs)} ms / ${Math.round(run.toFirstResultMs)} ms`,
      `${run.stats.successful}/${run.stats.total_images} (${correct} named right)`,
      checks.join(', '),
    ];
  });
  const header = [
    'scenario',
    'server wall',
    'floor',
    'wall/floor',
    'naive wall',
    'naive/server',
    'server peak RSS',
    'upload → 1st event / 1st result',
    'answered',
    'targets',
  ];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  const details = input.measured.map(
    ({ scenario, run, naiveFloorMs, maxInFlight, stage }) =>
      `(${scenario.key}) upload ${s(run.uploadMs)}; server's own wall_time ${s(run.serverWallMs)}, ${run.stats.images_per_minute} images/min; ` +
      `at most ${maxInFlight} request(s) at LM Studio at once; prompt stage: first turn ${Math.round(stage.beforeFirstMs)} ms after the upload, ` +
      `idle ${Math.round(stage.idleMs)} ms between turns${maxInFlight === 1 ? ' (with one slot, every generation included)' : ''}, ` +
      `last turn ended ${Math.round(stage.afterLastMs)} ms before the end; naive floor ${s(naiveFloorMs)}`,
  );
  console.log(
    [
      `Machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}. ` +
        `LM Studio double: ${input.preset} speeds (4B Q4_K_M) ×${input.speedScale}. ${input.photos} photos of ~12 MP, ${input.totalMb.toFixed(1)} MB.`,
      '',
      ...lines,
      '',
      ...details,
      '',
      'server wall: from the last byte of the upload to the batch-finished event (POST /api/batches, batches.onProgress).',
      "floor: the double's lower bound for the requests the server sent — the serialized prompt stage (decode, vision",
      'encoder, prefill; one request at a time) plus the generation that cannot overlap it: every answer with one slot,',
      'the shortest answer after the last prompt with more. No client sending those images can finish sooner.',
      "naive: the seed's way — each original sent in turn straight to LM Studio, no preparation (all JPEG here, so none",
      'is refused; a WebP/BMP original would fail over /v1).',
      `Bench took ${input.benchS.toFixed(0)} s.`,
    ].join('\n'),
  );
}

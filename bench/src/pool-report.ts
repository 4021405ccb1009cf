import type { PoolMeasurement } from './pool-scenario';
import { POOL_TARGET_SPEEDUP, POOL_TIME_SCALE } from './pool-scenario';
import type { PreparationRate } from './prepare-per-core';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');

/** GPU images per second for a 1024 px photo (prompt stage: encoder + ~830 prefill tokens; lmstudio-api.md, "Speeds"). */
const GPU_IMAGES_PER_S = { 'RTX 4090': 1000 / (40 + (830 / 17_500) * 1000), 'RTX 3060': 1000 / (120 + (830 / 4000) * 1000) };

export function printPoolReport(pool: PoolMeasurement, preparation: PreparationRate, cores: number): void {
  const speedup = pool.one.wallMs / pool.pool.wallMs;
  const total = pool.one.stats.total_images;
  const lost = pool.killed.run.stats.total_images - pool.killed.run.stats.successful;
  const rows = [
    ['one LM Studio, 4 slots', s(pool.one.wallMs), '1.00×', `${pool.one.stats.successful}/${total} (${pool.oneCorrect} named right)`, ''],
    [
      'pool of three, 4 slots each',
      s(pool.pool.wallMs),
      `${speedup.toFixed(2)}×`,
      `${pool.pool.stats.successful}/${total} (${pool.poolCorrect} named right)`,
      `${mark(speedup >= POOL_TARGET_SPEEDUP)} ≥${POOL_TARGET_SPEEDUP}×`,
    ],
    [
      'pool of three, one stopped mid-batch',
      s(pool.killed.run.wallMs),
      `${(pool.one.wallMs / pool.killed.run.wallMs).toFixed(2)}×`,
      `${pool.killed.run.stats.successful}/${total} (${pool.killed.correct} named right)`,
      `${mark(lost === 0)} nothing lost`,
    ],
  ];
  const header = ['pool scenario', 'server wall', 'vs one', 'answered', 'targets'];
  const hostMix = pool.perHost
    .map((host, index) => `host ${index + 1}: ${host.answered} answers, at most ${host.maxInFlight} at once`)
    .join('; ');
  const perCore = preparation.imagesPerSecondPerCore;
  const gpu = Object.entries(GPU_IMAGES_PER_S)
    .map(([name, rate]) => `${name} ~${rate.toFixed(1)} images/s`)
    .join(', ');
  console.log(
    [
      '',
      `Pool: three LM Studio doubles of 4 slots each in this process, RTX 3060 speeds slowed ×${POOL_TIME_SCALE} (so the`,
      "simulated GPUs, not this machine's cores, set the pace), the same 35 photos through the real server each time.",
      '',
      ...[header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`),
      '',
      `Pool spread: ${hostMix}.`,
      `Host stopped mid-batch: it held ${pool.killed.victimCutOff} request(s) when it went and had answered ${pool.killed.answeredByVictim}; ` +
        `its images went to the other two (${lost} failed).`,
      '',
      `Image preparation (12 MP JPEG → 1024 px JPEG, one at a time, sharp on one thread): ${preparation.msPerImage.toFixed(0)} ms per photo, ` +
        `${perCore.toFixed(1)} photos/s per core, ~${(perCore * cores).toFixed(1)} photos/s on this machine's ${cores} cores. GPUs: ${gpu}.`,
    ].join('\n'),
  );
}

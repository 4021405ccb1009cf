import type { TBatchStats, TItemResult } from '@vision/api-contract';
import { isCancelled } from '@vision/core/stats';
import type { Style } from './terminal';

export const seconds = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : `${value.toFixed(2)} s`;
export const tokensPerSecond = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : `${value.toFixed(1)} tok/s`;

/** "2026-11-26 17:02" in local time: history tables need minutes, not milliseconds. */
export function dateTime(iso: string | null): string {
  if (!iso) return '-';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What an image was answered, in a few words: its entity, else its fields (`kind=dog people=3`), at most 60 characters. */
export function answerSummary(result: Pick<TItemResult, 'entity' | 'fields'>): string {
  if (result.entity !== null || !result.fields) return result.entity ?? '?';
  const text = Object.entries(result.fields)
    .map(([name, value]) => `${name}=${value === null ? '?' : Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
  return text.length <= 60 ? text : `${text.slice(0, 59)}…`;
}

/** One finished image on one line: `ok    photos/cat.jpg  cat  1.20 s  45.3 tok/s`. */
export function itemLine(name: string, result: TItemResult, style: Style): string {
  if (result.success) {
    return `${style.green('ok  ')}  ${name}  ${style.bold(answerSummary(result))}  ${seconds(result.processing_time)}  ${tokensPerSecond(result.tokens_per_second)}`;
  }
  const label = isCancelled(result) ? style.yellow('skip') : style.red('FAIL');
  return `${label}  ${name}  ${result.error ?? 'failed'}`;
}

export function statsLines(stats: TBatchStats, style: Style): string[] {
  const failed = stats.failed > 0 ? style.red(`${stats.failed} failed`) : `${stats.failed} failed`;
  return [
    `${style.bold(`${stats.total_images} image${stats.total_images === 1 ? '' : 's'}`)}: ${style.green(`${stats.successful} succeeded`)}, ${failed}`,
    `time: ${seconds(stats.wall_time)} wall, ${seconds(stats.total_processing_time)} in the model, ${seconds(stats.average_processing_time)} per image, ${stats.images_per_minute.toFixed(1)} images/min`,
  ];
}

export function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

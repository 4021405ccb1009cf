import { createHash } from 'node:crypto';
import type { JsonSchemaResponseFormat } from '../answer/index.ts';

/** What the server said about the model; every field is optional because servers differ. */
export interface RunModelInfo {
  quantization?: string | null;
  maxContextLength?: number | null;
  arch?: string | null;
  /** Any other detail worth keeping (`type`, `parallel`, `publisher`...). */
  [detail: string]: string | number | boolean | null | undefined;
}

export interface RunTimingsInput {
  startedAt: Date | string;
  finishedAt?: Date | string | null;
}

export interface RunRecordInput {
  model: string;
  modelInfo?: RunModelInfo;
  /** The exact text sent with each image. */
  prompt: string;
  /** The structured-output format sent, `null` when none was. */
  responseFormat: JsonSchemaResponseFormat | null;
  serverVersion?: string | null;
  timings: RunTimingsInput;
}

/** How a run was made: enough to tell later whether two runs asked the same question of which model. */
export interface RunRecord {
  model: string;
  modelInfo: RunModelInfo | null;
  prompt: string;
  responseFormat: JsonSchemaResponseFormat | null;
  /** The first 16 hex digits of SHA-256 over the canonical JSON of `{ prompt, responseFormat }`. */
  promptHash: string;
  serverVersion: string | null;
  timings: { startedAt: string; finishedAt: string | null; wallTimeSeconds: number | null };
  /** The servers that answered the run's images (by index); each image's own is in its result. */
  hosts?: RunHost[];
}

export interface RunHost {
  baseUrl: string;
  kind: string | null;
  images: number[];
}

/** Which server answered which images, from the results (those without a host: one server, older records). */
export function hostsOfResults(results: ReadonlyArray<{ index: number; host?: string | null; host_kind?: string | null }>): RunHost[] {
  const hosts = new Map<string, RunHost>();
  for (const result of results) {
    if (!result.host) continue;
    const entry = hosts.get(result.host) ?? { baseUrl: result.host, kind: result.host_kind ?? null, images: [] };
    entry.images.push(result.index);
    hosts.set(result.host, entry);
  }
  return [...hosts.values()];
}

export function createRunRecord(input: RunRecordInput): RunRecord {
  const startedAt = toIso(input.timings.startedAt);
  const finishedAt = input.timings.finishedAt == null ? null : toIso(input.timings.finishedAt);
  const wallTimeSeconds = finishedAt === null ? null : Math.round(Date.parse(finishedAt) - Date.parse(startedAt)) / 1000;
  return {
    model: input.model,
    modelInfo: input.modelInfo ?? null,
    prompt: input.prompt,
    responseFormat: input.responseFormat,
    promptHash: promptHash(input.prompt, input.responseFormat),
    serverVersion: input.serverVersion ?? null,
    timings: { startedAt, finishedAt, wallTimeSeconds },
  };
}

/**
 * Identifies a question: two runs with the same hash sent the same prompt text and the same answer schema,
 * whatever the key order of the schema object. Whitespace in the prompt counts: the model sees it.
 */
export function promptHash(prompt: string, responseFormat: JsonSchemaResponseFormat | null): string {
  return createHash('sha256').update(canonicalJson({ prompt, responseFormat })).digest('hex').slice(0, 16);
}

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so equal values give equal
 * text. Non-finite numbers become `null`, as in `JSON.stringify`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

function toIso(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date.toISOString();
}

/** A resumed or retried run adds its hosts to the earlier runs' (an image retried elsewhere moves). */
export function mergeRunHosts(before: RunHost[] | undefined, now: RunHost[]): RunHost[] {
  const moved = new Set(now.flatMap((host) => host.images));
  const merged = new Map(
    (before ?? []).map((host) => [host.baseUrl, { ...host, images: host.images.filter((index) => !moved.has(index)) }]),
  );
  for (const host of now) {
    const entry = merged.get(host.baseUrl);
    if (entry) entry.images = [...entry.images, ...host.images].sort((a, b) => a - b);
    else merged.set(host.baseUrl, host);
  }
  return [...merged.values()].filter((host) => host.images.length > 0);
}

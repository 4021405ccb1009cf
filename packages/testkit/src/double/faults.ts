import type { FaultKind, FaultSpec } from './types';

export const FAULT_KINDS: readonly FaultKind[] = [
  'http-500',
  'no-models-loaded',
  'mlx-vision-200',
  'context-overflow',
  'hang',
  'stall',
  'reset',
  'garbage',
  'empty',
  'down',
  'unload',
  'busy',
  'loading',
];

export function isFaultSpec(value: unknown): value is FaultSpec {
  if (typeof value !== 'object' || value === null) return false;
  const spec = value as Record<string, unknown>;
  const optionalNumber = (key: string): boolean => spec[key] === undefined || typeof spec[key] === 'number';
  return (
    FAULT_KINDS.includes(spec.kind as FaultKind) &&
    optionalNumber('times') &&
    optionalNumber('afterMs') &&
    optionalNumber('downForMs') &&
    (spec.model === undefined || typeof spec.model === 'string')
  );
}

/** Faults apply to chat completion requests in injection order: the first one matching the model wins. */
export class FaultQueue {
  private readonly queue: Array<{ spec: FaultSpec; remaining: number }> = [];

  inject(spec: FaultSpec): void {
    if (!isFaultSpec(spec)) throw new Error(`Invalid fault spec: ${JSON.stringify(spec)}`);
    this.queue.push({ spec: { ...spec }, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.queue.length = 0;
  }

  get pending(): FaultSpec[] {
    return this.queue.map(({ spec }) => spec);
  }

  take(model: string | undefined): FaultSpec | undefined {
    const index = this.queue.findIndex(({ spec }) => spec.model === undefined || spec.model === model);
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.spec;
  }
}

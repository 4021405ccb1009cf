import { AsyncLimiter } from './async-limiter';
import { sleep } from './http-utils';
import type { DoubleMetrics } from './types';

export interface PromptCost {
  imageBytes: number;
  /** Visual tokens of each image, as the model sees it (after LM Studio's optional 1024 px downscale). */
  imageTokens: number[];
  promptTokens: number;
}

/**
 * `visionEncoderMs` is the cost of one image as LM Studio 0.3.31+ hands it to the encoder: longest side at most
 * 1024 px, so at most 1024 Qwen visual tokens. A bigger image (an older LM Studio sends full resolution) costs
 * more in proportion, since the encoder's work grows with the patches it sees; a smaller one costs the same.
 */
export const ENCODER_REFERENCE_TOKENS = 1024;

export interface SpeedKnobs {
  decodeMsPerMB: number;
  visionEncoderMs: number;
  promptTokensPerSecond: number;
  generationTokensPerSecond: number;
  concurrentSlowdown: number;
}

/**
 * The cost model of a llama.cpp server with continuous batching: `parallel` slots, a prompt stage that runs
 * one request at a time across all slots (compute-bound: batching gains little), and generation that runs
 * concurrently, each stream a little slower for every other stream generating.
 */
export class Scheduler {
  private readonly slots: AsyncLimiter;
  private readonly promptStage = new AsyncLimiter(() => 1);
  private generatingNow = 0;
  /** performance.now() at which the prompt stage's current (or last) turn ends on the simulated clock. */
  private promptStageFreeAt = 0;
  private counters = freshCounters(0);

  constructor(
    private readonly parallel: () => number,
    private readonly speeds: () => SpeedKnobs,
  ) {
    this.slots = new AsyncLimiter(parallel);
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.slots.waiting;
  }

  async acquireSlot(signal: AbortSignal): Promise<() => void> {
    const release = await this.slots.acquire(signal);
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.slots.holders);
    return release;
  }

  promptMs(cost: PromptCost): number {
    const { decodeMsPerMB, visionEncoderMs, promptTokensPerSecond } = this.speeds();
    const decode = (decodeMsPerMB * cost.imageBytes) / (1024 * 1024);
    const encode = cost.imageTokens.reduce((sum, tokens) => sum + visionEncoderMs * Math.max(1, tokens / ENCODER_REFERENCE_TOKENS), 0);
    const prefill = promptTokensPerSecond > 0 ? (cost.promptTokens / promptTokensPerSecond) * 1000 : 0;
    return decode + encode + prefill;
  }

  /** Holds the single prompt-processing stage for the request's whole prompt cost. */
  async processPrompt(cost: PromptCost, signal: AbortSignal, onTurn?: () => void): Promise<void> {
    const queued = this.promptStage.holders > 0;
    const release = await this.promptStage.acquire(signal);
    onTurn?.();
    const ms = this.promptMs(cost);
    const started = performance.now();
    // A GPU kept busy loses no time between prompts. A request that queued starts, on the simulated clock, when
    // the one before it ended, so the host's timer lateness does not pile up over a batch and the stage's real
    // busy time matches promptBusyMs; a request that found the stage idle starts now.
    const endsAt = (queued ? Math.min(started, this.promptStageFreeAt) : started) + ms;
    this.promptStageFreeAt = endsAt;
    try {
      await sleep(endsAt - started, signal);
      this.counters.promptBusyMs += ms;
    } catch (error) {
      this.counters.promptBusyMs += performance.now() - started;
      throw error;
    } finally {
      release();
    }
  }

  /** Paces `count` tokens at the current shared generation rate, calling `emit` for each. */
  async generate(count: number, signal: AbortSignal, emit: (index: number) => void): Promise<void> {
    this.generatingNow += 1;
    try {
      for (let index = 0; index < count; index += 1) {
        await sleep(this.tokenDelayMs(), signal);
        emit(index);
      }
    } finally {
      this.generatingNow -= 1;
    }
    // What this answer would have taken with the model to itself: the part of the floor that is generation.
    const { generationTokensPerSecond } = this.speeds();
    const soloMs = generationTokensPerSecond > 0 ? (count * 1000) / generationTokensPerSecond : 0;
    this.counters.generationMs += soloMs;
    this.counters.shortestGenerationMs = Math.min(this.counters.shortestGenerationMs, soloMs);
  }

  private tokenDelayMs(): number {
    const { generationTokensPerSecond, concurrentSlowdown } = this.speeds();
    if (generationTokensPerSecond <= 0) return 0;
    const rate = generationTokensPerSecond / (1 + concurrentSlowdown * (this.generatingNow - 1));
    return 1000 / rate;
  }

  recordOutcome(succeeded: boolean): void {
    if (succeeded) this.counters.completed += 1;
    else this.counters.failed += 1;
  }

  resetMetrics(): void {
    this.counters = freshCounters(this.slots.holders);
  }

  metrics(): Omit<DoubleMetrics, 'modelListRequests'> {
    const { shortestGenerationMs, ...counters } = this.counters;
    return {
      ...counters,
      floorMs: floorMs(this.counters.promptBusyMs, this.counters.generationMs, shortestGenerationMs, this.parallel()),
      inFlight: this.slots.holders,
      queued: this.slots.waiting,
      generating: this.generatingNow,
    };
  }
}

function freshCounters(maxInFlight: number) {
  return { promptBusyMs: 0, generationMs: 0, shortestGenerationMs: Number.POSITIVE_INFINITY, completed: 0, failed: 0, maxInFlight };
}

/**
 * The shortest wall time in which any client could have had the answers served since the last reset. Prompt
 * processing runs one request at a time, so its total is unavoidable. With one slot a request holds it until its
 * last token, so every generation adds to it. With more slots generation overlaps the next prompts, except after
 * the very last prompt: at least one answer (the shortest) is generated alone at the end; and the slots together
 * cannot finish sooner than all prompt and generation work spread evenly over them.
 */
export function floorMs(promptBusyMs: number, generationMs: number, shortestGenerationMs: number, parallel: number): number {
  if (parallel <= 1) return promptBusyMs + generationMs;
  const tail = Number.isFinite(shortestGenerationMs) ? shortestGenerationMs : 0;
  return Math.max(promptBusyMs + tail, (promptBusyMs + generationMs) / parallel);
}

import { AsyncLimiter } from './async-limiter';
import { sleep } from './http-utils';
import type { DoubleMetrics } from './types';

export interface PromptCost {
  imageBytes: number;
  imageCount: number;
  promptTokens: number;
}

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
  private counters = { promptBusyMs: 0, completed: 0, failed: 0, maxInFlight: 0 };

  constructor(
    parallel: () => number,
    private readonly speeds: () => SpeedKnobs,
  ) {
    this.slots = new AsyncLimiter(parallel);
  }

  async acquireSlot(signal: AbortSignal): Promise<() => void> {
    const release = await this.slots.acquire(signal);
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.slots.holders);
    return release;
  }

  promptMs(cost: PromptCost): number {
    const { decodeMsPerMB, visionEncoderMs, promptTokensPerSecond } = this.speeds();
    const decode = (decodeMsPerMB * cost.imageBytes) / (1024 * 1024);
    const encode = visionEncoderMs * cost.imageCount;
    const prefill = promptTokensPerSecond > 0 ? (cost.promptTokens / promptTokensPerSecond) * 1000 : 0;
    return decode + encode + prefill;
  }

  /** Holds the single prompt-processing stage for the request's whole prompt cost. */
  async processPrompt(cost: PromptCost, signal: AbortSignal): Promise<void> {
    const release = await this.promptStage.acquire(signal);
    const ms = this.promptMs(cost);
    const started = performance.now();
    try {
      await sleep(ms, signal);
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
    this.counters = { promptBusyMs: 0, completed: 0, failed: 0, maxInFlight: this.slots.holders };
  }

  metrics(): DoubleMetrics {
    return {
      ...this.counters,
      inFlight: this.slots.holders,
      queued: this.slots.waiting,
      generating: this.generatingNow,
    };
  }
}

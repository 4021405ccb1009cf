import type { Terminal } from './terminal';

/**
 * The live bar at the bottom of stderr (a terminal only) for the whole dataset: how many images have a result
 * (those a resumed run already had included), how fast they come this session and the time left at that pace.
 * Finished images are printed above it as they come.
 */
export class ProgressBar {
  private done: number;
  private label = '';
  private readonly startedAt = Date.now();
  /** Results that arrived during this session: the pace is theirs alone, not the earlier sessions'. */
  private arrived = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly terminal: Terminal,
    private readonly total: number,
    options: { done?: number } = {},
  ) {
    this.done = options.done ?? 0;
    if (terminal.stderrIsTty) {
      this.timer = setInterval(() => this.draw(), 1_000);
      this.timer.unref();
    }
  }

  setLabel(label: string): void {
    this.label = label;
    this.draw();
  }

  advance(count = 1): void {
    this.done += count;
    this.arrived += count;
    this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.terminal.setStatusLine(undefined);
  }

  private draw(): void {
    if (!this.terminal.stderrIsTty) return;
    const style = this.terminal.stderrStyle;
    const text = progressText({
      done: this.done,
      total: this.total,
      arrived: this.arrived,
      elapsedMs: Date.now() - this.startedAt,
      label: this.label,
    });
    const width = Math.max(10, Math.min(30, this.terminal.stderrColumns - text.length - 3));
    const filled = this.total === 0 ? width : Math.round((Math.min(this.done, this.total) / this.total) * width);
    const bar = `[${style.green('█'.repeat(filled))}${style.dim('░'.repeat(width - filled))}]`;
    this.terminal.setStatusLine(`${bar} ${text}`);
  }
}

/** `1,204/3,000 · 41.3 photos/min · 43 min left · batch 35/86`: what the bar says after the bar itself. */
export function progressText(input: { done: number; total: number; arrived: number; elapsedMs: number; label?: string }): string {
  const parts = [`${input.done.toLocaleString('en')}/${input.total.toLocaleString('en')}`];
  const minutes = input.elapsedMs / 60_000;
  if (input.arrived > 0 && minutes > 0) {
    const perMinute = input.arrived / minutes;
    parts.push(`${perMinute.toFixed(perMinute < 10 ? 1 : 0)} photos/min`);
    const left = input.total - input.done;
    if (left > 0) parts.push(`${duration((left / perMinute) * 60_000)} left`);
  } else {
    parts.push(`${duration(input.elapsedMs)}`);
  }
  if (input.label) parts.push(input.label);
  return parts.join(' · ');
}

/** 40 s, 3 min 20 s, 2 h 05 min. */
export function duration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

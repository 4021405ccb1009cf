import type { Terminal } from './terminal';

/**
 * The live bar at the bottom of stderr (a terminal only): how many images of the run have finished, which
 * batch is running and for how long. Finished images are printed above it as they come.
 */
export class ProgressBar {
  private done = 0;
  private label = '';
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly terminal: Terminal,
    private readonly total: number,
  ) {
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
    const elapsed = `${Math.round((Date.now() - this.startedAt) / 1000)} s`;
    const counts = `${this.done}/${this.total}`;
    const suffix = ` ${counts}${this.label ? ` · ${this.label}` : ''} · ${elapsed}`;
    const width = Math.max(10, Math.min(30, this.terminal.stderrColumns - 50));
    const filled = this.total === 0 ? width : Math.round((this.done / this.total) * width);
    const bar = `[${style.green('█'.repeat(filled))}${style.dim('░'.repeat(width - filled))}]`;
    this.terminal.setStatusLine(`${bar}${suffix}`);
  }
}

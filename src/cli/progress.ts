import type { OnProgress, ProgressStage } from '../common/progress';

/**
 * A one-line progress bar on stderr, drawn only when stderr is a TTY (so logs and CI output
 * stay clean). Redraws at most every 100 ms.
 */
class ProgressBar implements ProgressStage {
  private done = 0;
  private lastDraw = 0;
  private readonly enabled: boolean;
  private readonly startedAt = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = stream.isTTY === true && total > 0;
  }

  advance(by = 1): void {
    this.done = Math.min(this.total, this.done + by);
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && this.done < this.total) return;
    this.lastDraw = now;
    this.draw();
  }

  finish(): void {
    if (!this.enabled) return;
    this.done = this.total;
    this.draw();
    this.stream.write('\n');
  }

  private draw(): void {
    const width = 30;
    const ratio = this.done / this.total;
    const filled = Math.round(ratio * width);
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    this.stream.write(
      `\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` +
        `${(ratio * 100).toFixed(0).padStart(3)}% ${this.done}/${this.total} ${seconds}s`,
    );
  }
}

/** Long-running work's progress as bars on stderr. */
export const drawProgress: OnProgress = (label, total) => new ProgressBar(label, total);

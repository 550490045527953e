/** How often a non-TTY stream (CI log, file) gets a progress line. */
const LINE_INTERVAL_MS = 5000;
/** How often a TTY bar is redrawn at most. */
const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH = 24;

/**
 * A progress bar on stderr — percent, units done (rows by default; a report's files), units a
 * second (one decimal below ten) — redrawn in place on a terminal;
 * on anything else (CI logs, a redirected file) it prints a plain line every few seconds
 * instead, so logs stay readable.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = -Infinity;
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream | NodeJS.WritableStream,
    private readonly unit = 'rows',
  ) {
    this.tty = 'isTTY' in stream && stream.isTTY === true;
  }

  /** Reports `done` of an estimated `total`; `label` says what is being worked on. */
  update(done: number, total: number, label: string, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < (this.tty ? REDRAW_INTERVAL_MS : LINE_INTERVAL_MS)) return;
    this.lastDraw = now;
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const rate = done / Math.max((now - this.started) / 1000, 0.001);
    const perSecond = rate < 10 ? rate.toFixed(1) : formatCount(Math.round(rate));
    const figures =
      `${(fraction * 100).toFixed(0).padStart(3)}%  ${formatCount(done)}/${formatCount(total)} ${this.unit}  ` +
      `${perSecond} ${this.unit}/s  ${label}`;
    if (!this.tty) {
      this.stream.write(`${figures}\n`);
      return;
    }
    const filled = Math.round(fraction * BAR_WIDTH);
    this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${figures}\x1b[K`);
  }

  /** Ends the bar's line on a terminal. */
  finish(): void {
    if (this.tty) this.stream.write('\n');
  }
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

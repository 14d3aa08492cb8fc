/**
 * The training progress line on stderr: epoch, a bar, images/s, running loss and ETAs for the epoch and
 * the run. Throttled so that printing never costs training time: on a terminal the line is redrawn in
 * place a few times a second; in a log file (not a TTY) a full line is written every few seconds.
 */

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** `h:mm:ss` above an hour, else `m:ss`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export interface ProgressState {
  label: string;
  epoch: number;
  epochs: number;
  done: number;
  total: number;
  imagesPerSecond: number;
  loss: number;
  /** Mean wall time of the epochs finished so far in this process (undefined before the first). */
  meanEpochSeconds?: number;
}

/** One progress line (pure, so it can be tested). */
export function progressLine(p: ProgressState, width = 20): string {
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(frac * width);
  const bar = "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "");
  const epochLeft = p.imagesPerSecond > 0 ? (p.total - p.done) / p.imagesPerSecond : NaN;
  const perEpoch = p.meanEpochSeconds ?? (p.imagesPerSecond > 0 ? p.total / p.imagesPerSecond : NaN);
  const runLeft = epochLeft + (p.epochs - p.epoch) * perEpoch;
  return (
    `${p.label}epoch ${p.epoch}/${p.epochs} [${bar}] ${p.done}/${p.total} ` +
    `${p.imagesPerSecond.toFixed(1)} img/s loss ${Number.isFinite(p.loss) ? p.loss.toFixed(4) : "?"} ` +
    `ETA epoch ${formatDuration(epochLeft)} run ${formatDuration(runLeft)}`
  );
}

export interface ProgressOptions {
  label?: string;
  sink?: ProgressSink;
  /** Minimum milliseconds between lines (default: 250 on a terminal, 10000 otherwise). */
  intervalMs?: number;
  now?: () => number;
}

export class Progress {
  private readonly sink: ProgressSink;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly label: string;
  private epochStart = 0;
  private lastPrint = -Infinity;
  private epochSecondsSeen: number[] = [];
  private epoch = 0;

  constructor(private readonly epochs: number, private readonly imagesPerEpoch: number, opts: ProgressOptions = {}) {
    this.sink = opts.sink ?? process.stderr;
    this.intervalMs = opts.intervalMs ?? (this.sink.isTTY ? 250 : 10_000);
    this.now = opts.now ?? (() => performance.now());
    this.label = opts.label ? `[${opts.label}] ` : "";
  }

  startEpoch(epoch: number): void {
    this.epoch = epoch;
    this.epochStart = this.now();
    this.lastPrint = this.epochStart;
  }

  /** Called after every micro-batch; prints at most once per interval. */
  update(done: number, runningLoss: number): void {
    const t = this.now();
    if (t - this.lastPrint < this.intervalMs) return;
    this.lastPrint = t;
    const seconds = (t - this.epochStart) / 1000;
    const line = progressLine({
      label: this.label,
      epoch: this.epoch,
      epochs: this.epochs,
      done,
      total: this.imagesPerEpoch,
      imagesPerSecond: seconds > 0 ? done / seconds : 0,
      loss: runningLoss,
      meanEpochSeconds: this.meanEpochSeconds(),
    });
    this.sink.write(this.sink.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
  }

  /** Always printed: the epoch's summary. */
  endEpoch(summary: string, epochSeconds: number): void {
    this.epochSecondsSeen.push(epochSeconds);
    this.sink.write(`${this.sink.isTTY ? "\r\x1b[K" : ""}${this.label}${summary}\n`);
  }

  private meanEpochSeconds(): number | undefined {
    const s = this.epochSecondsSeen;
    return s.length ? s.reduce((a, b) => a + b, 0) / s.length : undefined;
  }
}

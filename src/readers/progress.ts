/**
 * Progress for long reads: bytes and documents so far, rate, and an ETA when the total size is known.
 * On a terminal one line is redrawn in place; elsewhere (logs, CI) a plain line every few seconds;
 * nothing when disabled.
 */

/** Options for {@link createProgress}. */
export interface ProgressOptions {
  /** Total bytes expected (sum of input file sizes), for percent and ETA. */
  readonly totalBytes?: number;
  /** Where to write; default process.stderr. */
  readonly stream?: { write(s: string): unknown; isTTY?: boolean };
  /** False makes the reporter silent. Default true. */
  readonly enabled?: boolean;
  /** Seconds between plain lines when not on a terminal. Default 5. */
  readonly intervalSeconds?: number;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

/** A progress reporter; pass {@link ProgressReporter.addBytes} as the readers' `onBytes`. */
export interface ProgressReporter {
  addBytes(n: number): void;
  addDocuments(n?: number): void;
  /** Writes the final line (and ends the redrawn line on a terminal). */
  finish(): void;
  /** The current status line, without writing it. */
  line(): string;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Creates a progress reporter. */
export function createProgress(options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const enabled = options.enabled ?? true;
  const tty = Boolean(stream.isTTY);
  const now = options.now ?? Date.now;
  const started = now();
  const interval = tty ? 200 : (options.intervalSeconds ?? 5) * 1000;
  let last = started;
  let bytes = 0;
  let docs = 0;
  let drawn = false;

  const line = (): string => {
    const secs = Math.max((now() - started) / 1000, 1e-3);
    const rate = bytes / secs;
    let s = `read ${mb(bytes)}`;
    if (options.totalBytes) {
      s += ` of ${mb(options.totalBytes)} (${Math.min(100, Math.floor((bytes / options.totalBytes) * 100))}%)`;
    }
    s += `, ${docs.toLocaleString('en-US')} documents, ${(rate / 1e6).toFixed(1)} MB/s`;
    if (options.totalBytes && rate > 0 && bytes < options.totalBytes) s += `, ETA ${duration((options.totalBytes - bytes) / rate)}`;
    return s;
  };
  const maybeWrite = (): void => {
    if (!enabled) return;
    const t = now();
    if (t - last < interval) return;
    last = t;
    if (tty) {
      stream.write(`\r\x1b[K${line()}`);
      drawn = true;
    } else stream.write(`${line()}\n`);
  };
  return {
    addBytes(n) {
      bytes += n;
      maybeWrite();
    },
    addDocuments(n = 1) {
      docs += n;
      maybeWrite();
    },
    finish() {
      if (!enabled) return;
      if (tty) stream.write(`${drawn ? '\r\x1b[K' : ''}${line()}\n`);
      else stream.write(`${line()}\n`);
    },
    line,
  };
}

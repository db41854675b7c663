/**
 * Logging for long work: one line per step on stderr with its duration.
 * Results never go through here; they go to stdout or files.
 */
export interface Logger {
  /** A plain informational line. */
  info(message: string): void;
  /** A warning line, prefixed `warning:`. */
  warn(message: string): void;
  /** Runs `fn`, then logs `label` with how long it took (`✓ load orders.csv  1.42 s`). */
  step<T>(label: string, fn: () => Promise<T> | T): Promise<T>;
  /** True when lines are suppressed (`--quiet`). Progress bars check this too. */
  readonly quiet: boolean;
}

/** Formats a duration in milliseconds for humans: `850 ms`, `1.42 s`, `2 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** A logger writing to stderr (or to `write`), silent when `quiet`. */
export function createLogger(options: { quiet?: boolean; write?: (line: string) => void } = {}): Logger {
  const quiet = options.quiet ?? false;
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  return {
    quiet,
    info(message) {
      if (!quiet) write(message);
    },
    warn(message) {
      write(`warning: ${message}`);
    },
    async step(label, fn) {
      const started = performance.now();
      try {
        const result = await fn();
        if (!quiet) write(`✓ ${label}  ${formatDuration(performance.now() - started)}`);
        return result;
      } catch (error) {
        if (!quiet) write(`✗ ${label}  ${formatDuration(performance.now() - started)}`);
        throw error;
      }
    },
  };
}

/** A logger that prints nothing: the default for library calls. */
export const silentLogger: Logger = createLogger({ quiet: true, write: () => {} });

/**
 * Logging for long work: one line per step on stderr with its duration, for people; and, when a
 * log file is configured (`--log-file`, `$KPICAST_LOG_FILE`), the same lines as JSON through pino
 * with the component that wrote them, for machines. Results never go through here.
 */
import pino from 'pino';

/** The parts of kpicast that write log lines, as the `component` field of the JSON lines. */
export type Component = 'cli' | 'ingest' | 'extract' | 'build' | 'kpi' | 'forecast' | 'report' | 'deliver' | 'pipeline' | 'worker' | 'serve' | 'alerts';

let fileLog: pino.Logger | undefined;

/**
 * Sends every log line of this process, from then on, also to `file` as JSON lines (pino:
 * `{"level":30,"time":…,"component":"ingest","msg":"✓ read orders.csv","duration_ms":16}`),
 * appended, written synchronously so nothing is lost at exit. `undefined` stops it.
 *
 * @example
 * configureLogFile('logs/kpicast.jsonl');
 */
export function configureLogFile(file: string | undefined): void {
  fileLog = file === undefined ? undefined : pino({ base: undefined }, pino.destination({ dest: file, sync: true, append: true, mkdir: true }));
}
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

/** A line for the log file of {@link configureLogFile}, when there is one. */
export function logToFile(level: 'info' | 'warn' | 'error', component: Component, msg: string, fields: Record<string, unknown> = {}): void {
  fileLog?.[level]({ component, ...fields }, msg);
}

/**
 * A logger writing to stderr (or to `write`), silent when `quiet`; its lines also go to the log
 * file, if one is configured, under `component` (default `cli`), quiet or not.
 */
export function createLogger(options: { quiet?: boolean; write?: (line: string) => void; component?: Component } = {}): Logger {
  const quiet = options.quiet ?? false;
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const component = options.component ?? 'cli';
  return {
    quiet,
    info(message) {
      logToFile('info', component, message);
      if (!quiet) write(message);
    },
    warn(message) {
      logToFile('warn', component, message);
      write(`warning: ${message}`);
    },
    async step(label, fn) {
      const started = performance.now();
      try {
        const result = await fn();
        const ms = performance.now() - started;
        logToFile('info', component, `✓ ${label}`, { step: label, status: 'succeeded', duration_ms: Math.round(ms) });
        if (!quiet) write(`✓ ${label}  ${formatDuration(ms)}`);
        return result;
      } catch (error) {
        const ms = performance.now() - started;
        logToFile('error', component, `✗ ${label}`, { step: label, status: 'failed', duration_ms: Math.round(ms) });
        if (!quiet) write(`✗ ${label}  ${formatDuration(ms)}`);
        throw error;
      }
    },
  };
}

/** A logger that prints nothing: the default for library calls. */
export const silentLogger: Logger = {
  quiet: true,
  info: () => undefined,
  warn: () => undefined,
  step: async (_label, fn) => fn(),
};

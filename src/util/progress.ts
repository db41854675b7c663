import cliProgress from 'cli-progress';

/** A progress reporter for long work; `tick` advances, `stop` ends it. */
export interface Progress {
  tick(by?: number): void;
  setTotal(total: number): void;
  stop(): void;
}

const none: Progress = { tick() {}, setTotal() {}, stop() {} };

/**
 * A progress bar on stderr (cli-progress) labelled `label` over `total` units.
 * On a terminal it redraws in place; elsewhere (CI, pipes) cli-progress prints
 * nothing until stop, so logs stay readable. Returns a no-op when `quiet`.
 */
export function createProgress(label: string, total: number, options: { quiet?: boolean; unit?: string } = {}): Progress {
  if (options.quiet) return none;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${options.unit ?? ''} | {duration_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick(by = 1) {
      bar.increment(by);
    },
    setTotal(next) {
      bar.setTotal(next);
    },
    stop() {
      bar.stop();
    },
  };
}

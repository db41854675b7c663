/**
 * The M4 weekly data and scores shared by bench:m4 and its validation grid: the files, the
 * competition's sMAPE / MASE / OWA (Naive2 weekly sMAPE 9.161, MASE 2.777; Naive2 is the plain
 * naive forecast for weekly data), and the cut of a validation window from the training series.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NAIVE2_SMAPE = 9.161;
export const NAIVE2_MASE = 2.777;

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface M4Series {
  id: string;
  values: Float64Array;
}

/** `--name value` of the command line, or `fallback`. */
export function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** Reads an M4 file: a header row, then one row per series: id then values, padded with empty cells. */
export function readM4(file: string): M4Series[] {
  const lines = readFileSync(file, 'utf8').split('\n').slice(1).filter((line) => line.length > 0);
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
    const values = cells.slice(1).filter((cell) => cell !== '' && cell !== 'NA').map(Number);
    return { id: cells[0], values: Float64Array.from(values) };
  });
}

/** The weekly training and test series, or undefined (with a line on stderr) when the files are missing. */
export function loadM4Weekly(tool: string): { dir: string; train: M4Series[]; test: M4Series[] } | undefined {
  const dir = process.env.KPICAST_M4_DIR ?? resolve(repoRoot, '../shared/data/m4');
  const trainFile = resolve(dir, 'Weekly-train.csv');
  const testFile = resolve(dir, 'Weekly-test.csv');
  if (!existsSync(trainFile) || !existsSync(testFile)) {
    process.stderr.write(`${tool}: Weekly-train.csv and Weekly-test.csv not found in ${dir}; set KPICAST_M4_DIR\n`);
    return undefined;
  }
  return { dir, train: readM4(trainFile), test: readM4(testFile) };
}

/** M4's overall weighted average of sMAPE and MASE relative to Naive2's. */
export function owa(s: number, m: number, naiveSmape = NAIVE2_SMAPE, naiveMase = NAIVE2_MASE): number {
  return 0.5 * (s / naiveSmape + m / naiveMase);
}

/**
 * The validation split: each training series without its last `h` values, and those values as
 * the held-out actuals. Defaults are chosen on these, never on the M4 test values.
 */
export function validationSplit(train: readonly M4Series[], h: number): { train: M4Series[]; test: M4Series[] } {
  return {
    train: train.map((s) => ({ id: s.id, values: s.values.slice(0, s.values.length - h) })),
    test: train.map((s) => ({ id: s.id, values: s.values.slice(s.values.length - h) })),
  };
}

/**
 * M4 Weekly benchmark: the 359 weekly series of the M4 competition, every
 * registered model, automatic selection per series by backtest, and the
 * ensemble of the best k; sMAPE, MASE and OWA as the competition defines them
 * (Naive2 weekly sMAPE 9.161, MASE 2.777; MASE scaled by the in-sample
 * one-step naive MAE, season 1), at h = 13 and at h = 4, with seconds.
 * Times R forecast's ets() on the same data in the same run when Rscript is
 * installed (bench/m4-ets.R); otherwise uses the 19 s measured before.
 *
 * Data: $KPICAST_M4_DIR, else ../shared/data/m4 from the repository root.
 * Options: --h 13,4  --windows 3  --refit false|true|N  --metric mase  --k 2  --combine mean  --candidates a,b  --models a,b  --no-r
 * --refit: whether only the first backtest window fits the models and the later windows keep its
 * parameters (false, the default here: selection OWA 0.809 against 0.808 with refits, about a fifth
 * less CPU, bench/m4.md), every window refits (true, the library's default), or every N windows.
 * Only the candidates of selection are backtested; every model is fitted on the full history.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { coverage, evaluateEach, mase, defaultModelNames, modelNames, msis, smape, type Combine, type EvaluateConfig, type MetricName, type SeriesJob } from '../src/index.js';

const NAIVE2_SMAPE = 9.161;
const NAIVE2_MASE = 2.777;
const R_FIGURES: Record<string, [number, number, string]> = {
  naive: [9.161, 2.777, ''],
  ses: [9.012, 2.685, ''],
  damped: [8.867, 2.4, ''],
  theta: [9.089, 2.639, ''],
  ets: [8.727, 2.527, '~19 s'],
  'auto.arima': [8.593, 2.541, '~80 s'],
  /** kpicast's arima (opt-in: `--models ...,arima`) beside R's auto.arima. */
  arima: [8.593, 2.541, 'R auto.arima ~80 s'],
};
const R_ETS_SECONDS = 19;
/** Interval levels of the selected forecasts' coverage and MSIS (the M4 competition scored the 95 % interval by MSIS, season 1 for weekly). */
const LEVELS = [80, 95];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** Reads an M4 file: a header row, then one row per series: id then values, padded with empty cells. */
function readM4(file: string): Array<{ id: string; values: Float64Array }> {
  const lines = readFileSync(file, 'utf8').split('\n').slice(1).filter((line) => line.length > 0);
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
    const values = cells.slice(1).filter((cell) => cell !== '' && cell !== 'NA').map(Number);
    return { id: cells[0], values: Float64Array.from(values) };
  });
}

function owa(s: number, m: number): number {
  return 0.5 * (s / NAIVE2_SMAPE + m / NAIVE2_MASE);
}

async function main(): Promise<void> {
  const dir = process.env.KPICAST_M4_DIR ?? resolve(repoRoot, '../shared/data/m4');
  const trainFile = resolve(dir, 'Weekly-train.csv');
  const testFile = resolve(dir, 'Weekly-test.csv');
  if (!existsSync(trainFile) || !existsSync(testFile)) {
    process.stderr.write(`bench:m4: Weekly-train.csv and Weekly-test.csv not found in ${dir}; set KPICAST_M4_DIR\n`);
    process.exitCode = 1;
    return;
  }
  const train = readM4(trainFile);
  const test = readM4(testFile);
  const horizons = argument('h', '13,4').split(',').map(Number);
  const windows = Number(argument('windows', '3'));
  const refitArgument = argument('refit', 'false');
  const refit = refitArgument === 'true' ? true : refitArgument === 'false' ? false : Number(refitArgument);
  if (refit !== true && refit !== false && !(Number.isInteger(refit) && refit >= 1)) throw new Error(`bench:m4 --refit: got ${refitArgument}, allowed: true, false or an integer >= 1`);
  const metric = argument('metric', 'mase') as MetricName;
  const k = Number(argument('k', '2'));
  const combine = argument('combine', 'mean') as Combine;
  const strong = ['theta', 'damped', 'ses', 'naive', 'drift'].filter((name) => modelNames.includes(name));
  const candidates = argument('candidates', strong.join(',')).split(',');
  const models = argument('models', defaultModelNames.join(',')).split(',');
  process.stdout.write(`M4 Weekly: ${train.length} series, ${models.length} models, ${availableParallelism()} threads; selection by ${windows} backtest windows of h (refit: ${refit === true ? 'true, every window refitted' : refit === false ? 'false, fitted on the first window only, later windows keep its parameters' : `every ${refit} windows`}) on ${metric} among ${candidates.join(', ')}; ensemble ${combine} of best ${k}\n`);
  const benchStart = performance.now();
  const cpuStart = process.cpuUsage();
  // Every horizon in one pass over the series: each model is fitted once per training window and
  // series, so the fit on the full history serves every h (a fit does not depend on h) and only the
  // backtest windows, which do, are fitted per horizon (src/forecast/parallel.ts, evaluateEach).
  const ordered = [...horizons].sort((a, b) => b - a);
  const jobs: SeriesJob[] = train.map((s) => ({ id: s.id, values: s.values, seasonLength: 52 }));
  const configs: EvaluateConfig[] = ordered.map((h) => ({ h, models, candidates, levels: LEVELS, metric, windows, step: h, refit, seasonLength: 52, maseSeason: 1, ensemble: { k, combine } }));
  const started = performance.now();
  const perHorizon = await evaluateEach(jobs, configs);
  const wall = (performance.now() - started) / 1000;
  process.stdout.write(`\nall horizons: wall ${wall.toFixed(2)} s for all models, backtests, selection and ensemble\n`);
  for (const [index, h] of ordered.entries()) {
    const outcomes = perHorizon[index];
    const rows = new Map<string, { smape: number; mase: number; ms: number }>();
    const add = (name: string, s: number, m: number, ms: number) => {
      const row = rows.get(name) ?? { smape: 0, mase: 0, ms: 0 };
      row.smape += s;
      row.mase += m;
      row.ms += ms;
      rows.set(name, row);
    };
    outcomes.forEach((outcome, i) => {
      const actual = test[i].values.subarray(0, h);
      const insample = train[i].values;
      for (const o of outcome.outcomes) add(o.model === 'ensemble' ? `ensemble (${combine} of ${k})` : o.model, smape(actual, o.mean) ?? 0, mase(actual, o.mean, insample, 1) ?? 0, o.ms);
      const selected = outcome.outcomes.find((o) => o.model === outcome.selected)!;
      add('auto (selected)', smape(actual, selected.mean) ?? 0, mase(actual, selected.mean, insample, 1) ?? 0, 0);
    });
    const n = outcomes.length;
    process.stdout.write(`\nh = ${h}   (seconds per model: wall time summed over threads, backtests included; ${index === 0 ? 'full-history fits included' : 'full-history fits shared with h = ' + ordered[0]})\n`);
    process.stdout.write(`${'model'.padEnd(28)}${'sMAPE'.padStart(8)}${'MASE'.padStart(8)}${'OWA'.padStart(8)}${'seconds'.padStart(9)}   ${h === 13 ? 'R forecast 8.20 (sMAPE/MASE)' : ''}\n`);
    const order = [...models, `ensemble (${combine} of ${k})`, 'auto (selected)'];
    for (const [name, row] of [...rows].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))) {
      const s = row.smape / n;
      const m = row.mase / n;
      const r = h === 13 ? R_FIGURES[name] : undefined;
      const reference = r ? `${r[0].toFixed(3)}/${r[1].toFixed(3)} OWA ${owa(r[0], r[1]).toFixed(3)} ${r[2]}` : '';
      process.stdout.write(`${name.padEnd(28)}${s.toFixed(3).padStart(8)}${m.toFixed(3).padStart(8)}${owa(s, m).toFixed(3).padStart(8)}${(row.ms / 1000).toFixed(2).padStart(9)}   ${reference}\n`);
    }
    // intervals of the selected forecasts: coverage pooled over every series and step, MSIS the mean over series (M4)
    const inside = LEVELS.map(() => ({ covered: 0, count: 0 }));
    let msisSum = 0;
    let msisCount = 0;
    outcomes.forEach((outcome, i) => {
      const actual = test[i].values.subarray(0, h);
      const selected = outcome.outcomes.find((o) => o.model === outcome.selected)!;
      LEVELS.forEach((level, l) => {
        const c = coverage(actual, selected.lo[l], selected.hi[l]);
        if (c !== undefined) {
          inside[l].covered += (c / 100) * actual.length;
          inside[l].count += actual.length;
        }
      });
      const score = msis(actual, selected.lo[LEVELS.indexOf(95)], selected.hi[LEVELS.indexOf(95)], train[i].values, 1, 95);
      if (score !== undefined) {
        msisSum += score;
        msisCount++;
      }
    });
    const covered = LEVELS.map((level, l) => `${level} % ${(100 * inside[l].covered / inside[l].count).toFixed(1)} %`).join(', ');
    process.stdout.write(`${'auto (selected) intervals'.padEnd(28)}coverage ${covered} (target within 3 points of nominal); MSIS (95 %) ${(msisSum / msisCount).toFixed(3)}\n`);
    if (h === 13) process.stdout.write(`${'R auto.arima'.padEnd(28)}${''.padStart(33)}   8.593/2.541 OWA ${owa(8.593, 2.541).toFixed(3)} ~80 s\n`);
  }
  const benchSeconds = (performance.now() - benchStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  let reference = R_ETS_SECONDS;
  let source = 'quoted from the issue (Rscript not run)';
  let rCpu: number | undefined;
  const rscript = spawnSync('Rscript', ['--version']);
  if (rscript.status === 0 && !process.argv.includes('--no-r')) {
    const script = resolve(repoRoot, 'bench/m4-ets.R');
    process.stderr.write('timing R forecast ets() on the same data (bench/m4-ets.R)...\n');
    const run = spawnSync('Rscript', [script, dir, '13'], { encoding: 'utf8' });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    try {
      const measured = JSON.parse(line) as { smape: number; mase: number; seconds: number; cpu: number };
      reference = measured.seconds;
      rCpu = measured.cpu;
      source = `measured now: R ets sMAPE ${measured.smape.toFixed(3)} MASE ${measured.mase.toFixed(3)} OWA ${owa(measured.smape, measured.mase).toFixed(3)} in ${measured.seconds.toFixed(2)} s wall, ${measured.cpu.toFixed(2)} s CPU`;
    } catch {
      source = `quoted 19 s (Rscript failed: ${(run.stderr || line).split('\n')[0]})`;
    }
  }
  process.stdout.write(`\nwhole bench (refit: ${refit}) ${benchSeconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (all threads); R ets reference ${reference.toFixed(2)} s (${source}); wall ratio ${(benchSeconds / reference).toFixed(3)}${rCpu ? `, CPU ratio ${(cpuSeconds / rCpu).toFixed(3)}` : ''} (target < 0.2)\n`);
}

await main();

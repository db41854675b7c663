/**
 * M4 Weekly benchmark: the 359 weekly series of the M4 competition forecast with the library's
 * defaults - what `kpicast forecast` does with no option: the default models, each backtested and
 * selected per series as `resolveOptions({})` says, plus the ensemble of the best 2 - scored by
 * sMAPE, MASE and OWA as the competition defines them (Naive2 weekly sMAPE 9.161, MASE 2.777; MASE
 * scaled by the in-sample one-step naive MAE, season 1), with the coverage and MSIS of the selected
 * intervals. Times, in the same run, R forecast's ets() on the same series (bench/m4-ets.R, when
 * Rscript is installed; else the 19 s measured before) and `kpicast forecast --h 13` as a whole
 * process on the same series written as one long CSV.
 *
 * Data: $KPICAST_M4_DIR, else ../shared/data/m4 from the repository root.
 * Options: --h 13 (or 13,4) --no-r --no-cli; any of --models a,b --candidates a,b --metric m
 * --windows n --refit false|true|N --k n --combine mean|median runs a configuration of its own,
 * labelled as such in every line it prints. How the defaults were chosen: bench/m4-validate.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { coverage, evaluateEach, mase, msis, resolveOptions, smape, type Combine, type EvaluateConfig, type MetricName, type SeriesJob } from '../src/index.js';
import { argument, loadM4Weekly, owa, repoRoot, type M4Series } from './m4-data.js';

const R_FIGURES: Record<string, [number, number, string]> = {
  naive: [9.161, 2.777, ''],
  ses: [9.012, 2.685, ''],
  damped: [8.867, 2.4, ''],
  theta: [9.089, 2.639, ''],
  ets: [8.727, 2.527, '~19 s'],
  /** kpicast's arima (opt-in: `--models ...,arima`) beside R's auto.arima. */
  arima: [8.593, 2.541, 'R auto.arima ~80 s'],
};
const R_ETS_SECONDS = 19;
/** Interval levels of the selected forecasts' coverage and MSIS (the M4 competition scored the 95 % interval by MSIS, season 1 for weekly). */
const LEVELS = [80, 95];
const OVERRIDES = ['models', 'candidates', 'metric', 'windows', 'refit', 'k', 'combine'];

/** The series as the long CSV a user gives `kpicast forecast`: weekly dates ending on the same Monday. */
function longCsv(train: readonly M4Series[]): string {
  const end = Date.UTC(2018, 0, 1);
  const lines = ['unique_id,ds,y'];
  for (const s of train) {
    for (let t = 0; t < s.values.length; t++) {
      const day = new Date(end - (s.values.length - 1 - t) * 7 * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${s.id},${day},${s.values[t]}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Mean sMAPE and MASE of forecasts by series id against the test values. */
function scoreById(forecasts: Map<string, number[]>, train: readonly M4Series[], test: readonly M4Series[], h: number): { smape: number; mase: number; n: number } {
  let s = 0;
  let m = 0;
  let n = 0;
  train.forEach((series, i) => {
    const mean = forecasts.get(series.id);
    if (!mean || mean.length !== h) return;
    const actual = test[i].values.subarray(0, h);
    s += smape(actual, mean) ?? 0;
    m += mase(actual, mean, series.values, 1) ?? 0;
    n++;
  });
  return { smape: s / n, mase: m / n, n };
}

/** `kpicast forecast --h 13` on the series as a CSV, as a whole process: its wall seconds and its forecasts. */
function timeCli(train: readonly M4Series[], h: number): { seconds: number; forecasts: Map<string, number[]> } | string {
  const dir = mkdtempSync(join(tmpdir(), 'kpicast-m4-'));
  try {
    const input = join(dir, 'weekly.csv');
    const out = join(dir, 'forecasts.csv');
    writeFileSync(input, longCsv(train));
    const started = performance.now();
    const run = spawnSync(process.execPath, [resolve(repoRoot, 'bin/kpicast.js'), '--quiet', 'forecast', '--input', input, '--h', String(h), '--out', out], { encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) return `kpicast forecast failed: ${(run.stderr || '').trim().split('\n')[0]}`;
    const forecasts = new Map<string, number[]>();
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    const columns = header.split(',');
    const id = columns.indexOf('unique_id');
    const mean = columns.indexOf('mean');
    for (const row of rows) {
      const cells = row.split(',');
      const list = forecasts.get(cells[id]) ?? [];
      list.push(Number(cells[mean]));
      forecasts.set(cells[id], list);
    }
    return { seconds, forecasts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const data = loadM4Weekly('bench:m4');
  if (!data) {
    process.exitCode = 1;
    return;
  }
  const { dir, train, test } = data;
  const horizons = argument('h', '13').split(',').map(Number);
  const defaults = resolveOptions({ h: horizons[0] });
  const own = OVERRIDES.filter((name) => process.argv.includes(`--${name}`));
  const label = own.length ? `[own configuration: ${own.map((name) => `--${name} ${argument(name, '')}`).join(' ')}, not the defaults] ` : '';
  const windows = Number(argument('windows', String(defaults.windows)));
  const refitArgument = argument('refit', String(defaults.refit));
  const refit = refitArgument === 'true' ? true : refitArgument === 'false' ? false : Number(refitArgument);
  if (refit !== true && refit !== false && !(Number.isInteger(refit) && refit >= 1)) throw new Error(`bench:m4 --refit: got ${refitArgument}, allowed: true, false or an integer >= 1`);
  const metric = argument('metric', defaults.metric) as MetricName;
  const k = Number(argument('k', String(defaults.ensemble?.k ?? 2)));
  const combine = argument('combine', defaults.ensemble?.combine ?? 'mean') as Combine;
  const models = argument('models', defaults.models.join(',')).split(',');
  const candidates = argument('candidates', (defaults.candidates ?? models).join(',')).split(',');
  process.stdout.write(`${label}M4 Weekly: ${train.length} series, ${availableParallelism()} threads; ${own.length ? 'models' : 'the library\'s defaults (kpicast forecast with no option): models'} ${models.join(', ')}; selection by ${windows} backtest windows of h (refit: ${refit}) on ${metric} among ${candidates.length === models.length ? 'them' : candidates.join(', ')}; ensemble ${combine} of best ${k}\n`);
  const benchStart = performance.now();
  const cpuStart = process.cpuUsage();
  // Every horizon in one pass over the series: each model is fitted once per training window and
  // series, so the fit on the full history serves every h (src/forecast/parallel.ts, evaluateEach).
  const ordered = [...horizons].sort((a, b) => b - a);
  const jobs: SeriesJob[] = train.map((s) => ({ id: s.id, values: s.values, seasonLength: 52 }));
  // as `kpicast forecast` (no leaderboard written): the backtests score no intervals, the selected forecast's are scored below
  const configs: EvaluateConfig[] = ordered.map((h) => ({ h, models, candidates, levels: LEVELS, metric, windows, step: h, refit, seasonLength: 52, maseSeason: 1, ensemble: { k, combine }, intervalScores: false }));
  const perHorizon = await evaluateEach(jobs, configs);
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
    process.stdout.write(`\n${label}h = ${h}   (seconds per model: wall time summed over threads, backtests included; ${index === 0 ? 'full-history fits included' : 'full-history fits shared with h = ' + ordered[0]})\n`);
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
      LEVELS.forEach((_, l) => {
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
    if (h === 13) {
      process.stdout.write(`${'R auto.arima'.padEnd(28)}${''.padStart(33)}   8.593/2.541 OWA ${owa(8.593, 2.541).toFixed(3)} ~80 s\n`);
      if (!models.includes('arima')) process.stdout.write(`${'arima (opt-in, not run)'.padEnd(28)}--models ${[...models, 'arima'].join(',')} adds kpicast's AutoARIMA beside R's (about 20 minutes of CPU; bench/m4.md)\n`);
    }
  }
  const benchSeconds = (performance.now() - benchStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  let reference = R_ETS_SECONDS;
  let source = 'quoted (Rscript not run)';
  let rCpu: number | undefined;
  const rscript = spawnSync('Rscript', ['--version']);
  if (rscript.status === 0 && !process.argv.includes('--no-r')) {
    process.stderr.write('timing R forecast ets() on the same data (bench/m4-ets.R)...\n');
    const run = spawnSync('Rscript', [resolve(repoRoot, 'bench/m4-ets.R'), dir, '13'], { encoding: 'utf8' });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    try {
      const measured = JSON.parse(line) as { smape: number; mase: number; seconds: number; cpu: number };
      reference = measured.seconds;
      rCpu = measured.cpu;
      source = `measured now: sMAPE ${measured.smape.toFixed(3)} MASE ${measured.mase.toFixed(3)} OWA ${owa(measured.smape, measured.mase).toFixed(3)}, ${measured.seconds.toFixed(2)} s wall, ${measured.cpu.toFixed(2)} s CPU`;
    } catch {
      source = `quoted 19 s (Rscript failed: ${(run.stderr || line).split('\n')[0]})`;
    }
  }
  process.stdout.write(`\nR ets() on the same ${train.length} series, h = 13: ${reference.toFixed(2)} s (${source})\n`);
  process.stdout.write(`${label}whole bench: ${benchSeconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (all threads; data read to figures printed, the reference runs apart); wall ratio to R ets ${(benchSeconds / reference).toFixed(3)}${rCpu ? `, CPU ratio ${(cpuSeconds / rCpu).toFixed(3)}` : ''} (target <= 0.1)\n`);
  if (!process.argv.includes('--no-cli')) {
    process.stderr.write(`timing kpicast forecast --h 13 on the same series as one CSV...\n`);
    const cli = timeCli(train, 13);
    if (typeof cli === 'string') process.stdout.write(`kpicast forecast --h 13: ${cli}\n`);
    else {
      const score = scoreById(cli.forecasts, train, test, 13);
      process.stdout.write(`kpicast forecast --h 13 (defaults, whole process: start, CSV read, forecasts, CSV written): ${cli.seconds.toFixed(2)} s wall; ratio to R ets ${(cli.seconds / reference).toFixed(3)} (target <= 0.2); its forecasts: sMAPE ${score.smape.toFixed(3)} MASE ${score.mase.toFixed(3)} OWA ${owa(score.smape, score.mase).toFixed(3)} on ${score.n} series\n`);
    }
  }
}

await main();

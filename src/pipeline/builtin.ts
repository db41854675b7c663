import { join, resolve } from 'node:path';
import { retail } from '../analysis/models/retail.js';
import { staffing } from '../analysis/models/staffing.js';
import type { Locale } from '../charts/types.js';
import { sampleFiles } from '../generate/sample-files.js';
import { settledUntil } from '../report/reportData.js';
import type { FileSource, ForecastConfig, PipelineConfig } from './types.js';

/** The name of the built-in pipeline in `runs` (what `kpicast run` records). */
export const MAIN_PIPELINE = 'main';

/** Options of {@link builtinPipeline}. */
export interface BuiltinPipelineOptions {
  /** Directory holding the files of the sample ({@link sampleFiles}). */
  sampleDir: string;
  /** Load nothing (the warehouse holds other data): the sources are left out. Default false. */
  noSources?: boolean;
  /** Stop after the loads: no build, forecasts or report. Default false. */
  loadOnly?: boolean;
  /** Directory of the report, relative to the working directory; default `out/report`; `false` for none. */
  report?: string | false;
  /** A PNG per chart. Default true. */
  png?: boolean;
  /** Number format of the report. Default `'en'`. */
  locale?: Locale;
}

/**
 * The two forecasts of the main job: weekly missions (settled weeks only), and weekly revenue of
 * the chain, each store and each store × category, reconciled (MinT with shrinkage) so that the
 * categories add up to their store and the stores to the chain; 4 weeks ahead. The sample's stores
 * are French: the revenue forecast gets France's public holidays, so the holiday-adjusted models
 * (`ets_hol`, `theta_hol`, ...) are backtested beside the others and chosen where they do better.
 */
export const builtinForecasts: readonly ForecastConfig[] = [
  { name: 'staffing/missions', model: staffing, metric: 'missions', grain: 'week', by: [], h: 4, asOf: settledUntil },
  {
    name: 'retail/revenue/store/category', model: retail, metric: 'revenue', grain: 'week', by: ['store', 'category'], h: 4,
    hierarchy: { levels: ['store', 'category'], reconcile: 'mint_shrink' }, holidays: 'FR',
  },
];

/**
 * kpicast's main job as a pipeline, run by {@link runPipeline} like any pipeline file:
 * 1. every file of the sample into its raw table, at every run (a re-load is a no-op: every
 *    row a duplicate; a changed file updates its rows);
 * 2. the marts and their data tests;
 * 3. weekly missions (the settled weeks: missions are booked weeks ahead) and weekly revenue of
 *    the chain, its stores and their categories, reconciled so they add up, 4 weeks ahead, all
 *    models, selection by MAPE, into `forecasts`;
 * 4. the KPIs, charts and the report (`out/report` by default), a PNG per chart.
 *
 * @example
 * builtinPipeline({ sampleDir: 'data/sample' }).sources.length; // => 13
 */
export function builtinPipeline(options: BuiltinPipelineOptions): PipelineConfig {
  const dir = resolve(options.sampleDir);
  const sources: FileSource[] = options.noSources
    ? []
    : sampleFiles.map((f) => ({
      kind: 'file', name: f.table, path: join(dir, f.file), table: f.table, format: f.format,
      ...(f.sqliteTable ? { sqliteTable: f.sqliteTable } : {}), reload: true,
    }));
  const analyse = !options.loadOnly;
  return {
    name: MAIN_PIPELINE,
    file: '',
    baseDir: resolve('.'),
    sources,
    build: analyse,
    forecasts: analyse ? builtinForecasts.map((f) => ({ ...f })) : [],
    ...(analyse && options.report !== false
      ? { report: { out: resolve(options.report ?? join('out', 'report')), pdf: false, png: options.png ?? true, locale: options.locale ?? 'en' } }
      : {}),
    alerts: [],
  };
}

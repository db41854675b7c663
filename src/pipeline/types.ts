import type { SeriesGrain } from '../analysis/series.js';
import type { Compare } from '../analysis/compile.js';
import type { SemanticModel } from '../analysis/model.js';
import type { ReconcileMethod } from '../forecast/hierarchy-reconcile.js';
import type { Queryable } from '../warehouse/types.js';

/**
 * The typed, fully defaulted form of a pipeline file (`kpicast.yml`), as {@link loadPipelineFile}
 * returns it: every path absolute, every model resolved, every option given its default.
 */
export interface PipelineConfig {
  /** The pipeline's name in `runs` and `alerts`: the file's `name:`, else its base name (`kpicast`). */
  name: string;
  /** Absolute path of the pipeline file (empty for a config built in code). */
  file: string;
  /** Directory relative paths of the file are resolved against: the file's own directory. */
  baseDir: string;
  sources: SourceConfig[];
  /** Run the SQL models (staging → marts) and their data tests after the loads. */
  build: boolean;
  forecasts: ForecastConfig[];
  report?: ReportConfig;
  deliver?: DeliverConfig;
  alerts: AlertRule[];
  /**
   * Columns pseudonymised at load in every source that has them (keyed HMAC-SHA-256, the key
   * from `KPICAST_PSEUDONYM_KEY`), besides each source's own `pseudonymise:`.
   */
  pseudonymise?: string[];
  /** Reserved for schedules (`cron` expressions) kept in the warehouse (refused by the parser until built). */
  schedules?: Array<{ name: string; cron: string }>;
}

/** How a file is read, shared by file and inbox sources (see {@link LoadOptions}). */
export interface FileReadOptions {
  /** Target table (`orders` → `raw.orders`). */
  table: string;
  key?: string[];
  format?: 'csv' | 'json' | 'ndjson' | 'parquet' | 'sqlite';
  sqliteTable?: string;
  delimiter?: string;
  encoding?: string;
  decimal?: '.' | ',';
  /** This source's columns to pseudonymise at load (with the pipeline's own list, where present). */
  pseudonymise?: string[];
  /**
   * Load the file at every run, even when these bytes were loaded before (the rows then come
   * back as duplicates, counted as such). Set in code by the built-in pipeline, whose summary
   * reports every file of the sample at every run; a pipeline file skips loaded bytes.
   */
  reload?: boolean;
}

/** One file, loaded when its SHA-256 is not among the succeeded loads of its table. */
export interface FileSource extends FileReadOptions {
  kind: 'file';
  /** Name in `runs` and in `missing_data` rules; default: the table. */
  name: string;
  path: string;
}

/**
 * A folder (`inbox: data/incoming/*.csv`): each run loads the matching files whose SHA-256 was
 * not loaded into the table yet, and skips the others; a changed file is loaded again (upsert).
 */
export interface InboxSource extends FileReadOptions {
  kind: 'inbox';
  name: string;
  /** The pattern as written, resolved: `/abs/data/incoming/*.csv`. */
  pattern: string;
  /** Its directory (no wildcard allowed there) and the file-name pattern (`*` and `?`). */
  dir: string;
  glob: string;
}

/**
 * A table or query of a source database (MariaDB/MySQL or PostgreSQL), read past a cursor column
 * at each run (see {@link extract}); the password from the environment variable `passwordEnv`.
 */
export interface DatabaseSource {
  kind: 'database';
  name: string;
  url: string;
  table?: string;
  query?: string;
  cursor?: string;
  into: string;
  key?: string[];
  /** The environment variable holding the source's password (default: none, or the URL's). */
  passwordEnv?: string;
  pseudonymise?: string[];
}

export type SourceConfig = FileSource | InboxSource | DatabaseSource;

/** One forecast: a metric of a model as weekly (or other grain) series, `h` periods ahead, stored in `forecasts`. */
export interface ForecastConfig {
  /** `model.metric[/by…]`, for runs. */
  name: string;
  model: SemanticModel;
  metric: string;
  grain: SeriesGrain;
  by: string[];
  h: number;
  /** Model names to try; default: the engine's defaults. */
  models?: string[];
  /** `holidays:` a country or region code (FR, FR-GP): the holiday-adjusted models join the backtests (engine option `holidays`). */
  holidays?: string;
  /**
   * `events:` user events, beside or instead of `holidays`: a CSV file (absolute path; readEventsCsv)
   * or a warehouse table (readEventsTable), read when the forecast runs (engine option `events`).
   */
  events?: { file: string } | { table: string };
  /** A hierarchy (`hierarchy:` levels from the top down, `by` their bottom): forecast every level and reconcile (forecastHierarchy). */
  hierarchy?: { levels: string[]; reconcile: ReconcileMethod };
  /**
   * The day the history stops, computed on the warehouse when the forecast runs (in code only:
   * the built-in pipeline cuts missions at the last settled day). Default: all the history.
   */
  asOf?: (db: Queryable) => Promise<string | undefined>;
  /**
   * `distributed: yes`: the series are forecast by the workers of a PostgreSQL server warehouse
   * (`kpicast worker`), `batchSize` series per batch (`batch_size:`, default 200); each worker
   * writes its batch's rows into `forecasts` in one transaction, and each batch is a step of the
   * run. `at` is where the option is in the pipeline file, for the refusal on an embedded warehouse.
   */
  distributed?: { batchSize: number; at?: { line?: number; column?: number } };
}

export interface ReportConfig {
  /** Absolute directory of `index.html` (and `report.pdf`). */
  out: string;
  pdf: boolean;
  png: boolean;
  locale: 'en' | 'fr';
}

export interface DeliverConfig {
  /** Recipients; the server comes from KPICAST_SMTP_URL and KPICAST_SMTP_PASSWORD. */
  email?: { to: string[]; from?: string };
  webhook?: { url: string };
  /** Attempts per channel, default 3. */
  retry: number;
}

export type AlertCondition = 'below' | 'above' | 'change_pct_below' | 'change_pct_above' | 'outside_forecast' | 'missing_data';
export const ALERT_CONDITIONS: readonly AlertCondition[] = ['below', 'above', 'change_pct_below', 'change_pct_above', 'outside_forecast', 'missing_data'];

/** What a KPI rule watches: a metric of a model at a grain, one alert per `by` group. */
export interface KpiTarget {
  model: SemanticModel;
  metric: string;
  grain: SeriesGrain;
  by: string[];
}

/** `below` / `above`: the last finished period's value against `value`. */
export interface ThresholdRule extends KpiTarget {
  name: string;
  condition: 'below' | 'above';
  value: number;
}

/** `change_pct_below` / `change_pct_above`: the change in percent against the previous period or the same period a year before. */
export interface ChangeRule extends KpiTarget {
  name: string;
  condition: 'change_pct_below' | 'change_pct_above';
  /** In percent: -15 = down more than 15 %. */
  value: number;
  compare: Compare;
}

/** `outside_forecast`: the last finished period's actual outside the stored forecast's interval at `level` %. */
export interface ForecastRule extends KpiTarget {
  name: string;
  condition: 'outside_forecast';
  level: 80 | 95;
}

/** `missing_data`: a source of the pipeline with no new or changed row for more than `days` days. */
export interface MissingDataRule {
  name: string;
  condition: 'missing_data';
  /** The source's name (default: its table). */
  source: string;
  /** The table its loads go to, `schema.table` as `load_runs` records it. */
  table: string;
  days: number;
}

export type AlertRule = ThresholdRule | ChangeRule | ForecastRule | MissingDataRule;

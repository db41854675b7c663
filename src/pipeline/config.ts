import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, KpicastError } from '../errors.js';
import { COMPARES, type Compare } from '../analysis/compile.js';
import { dimensionNames, type SemanticModel } from '../analysis/model.js';
import { loadModelFile } from '../analysis/model-file.js';
import { builtinModels } from '../analysis/models/index.js';
import type { SeriesGrain } from '../analysis/series.js';
import { holidayModelNames, modelNames } from '../forecast/models/registry.js';
import { holidayCalendar } from '../forecast/holidays.js';
import { OptionError } from '../errors.js';
import { reconcileMethods } from '../forecast/hierarchy-reconcile.js';
import { maskUrl, urlSecrets } from '../util/secrets.js';
import {
  ALERT_CONDITIONS, type AlertCondition, type AlertRule, type DatabaseSource, type DeliverConfig, type FileReadOptions, type ForecastConfig,
  type KpiTarget, type PipelineConfig, type ReportConfig, type SourceConfig,
} from './types.js';

type Path = Array<string | number>;

/** A problem at a key path of the file; `at: 'key'` points at the key, else at the value or item. */
class ConfigError extends Error {
  constructor(message: string, readonly path: Path) {
    super(message);
  }
}

const SERIES_GRAINS: readonly SeriesGrain[] = ['day', 'week', 'month', 'quarter', 'year'];
const FORMATS = ['csv', 'json', 'ndjson', 'parquet', 'sqlite'] as const;
const EMAIL = /^[^\s@,<>]+@[^\s@,<>]+$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** `alerts[1].condition` from `['alerts', 1, 'condition']`. */
export function keyPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

type Obj = Record<string, unknown>;

/** The value as a map, refusing anything else. */
function map(value: unknown, path: Path, what: string): Obj {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${keyPath(path)}: ${what}`, path);
  return value as Obj;
}

/** Refuses keys outside `allowed`, naming the first unknown one and the allowed keys. */
function onlyKeys(value: Obj, allowed: readonly string[], path: Path): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new ConfigError(`${keyPath([...path, key])}: unknown key, allowed: ${allowed.join(', ')}`, [...path, key]);
  }
}

function got(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function text(value: unknown, path: Path, allowed = 'a text'): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${keyPath(path)}: got ${got(value)}, allowed: ${allowed}`, path);
  return value.trim();
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: Path): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new ConfigError(`${keyPath(path)}: got ${got(value)}, allowed: ${allowed.join(', ')}`, path);
  return value as T;
}

/** true/false, also yes/no and on/off as YAML 1.1 wrote them. */
function bool(value: unknown, path: Path): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (['yes', 'on', 'true'].includes(v)) return true;
    if (['no', 'off', 'false'].includes(v)) return false;
  }
  throw new ConfigError(`${keyPath(path)}: got ${got(value)}, allowed: yes, no`, path);
}

function number(value: unknown, path: Path, allowed = 'a number'): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError(`${keyPath(path)}: got ${got(value)}, allowed: ${allowed}`, path);
  return value;
}

function integer(value: unknown, path: Path, min: number, max: number): number {
  const allowed = `a whole number from ${min} to ${max}`;
  const n = number(value, path, allowed);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${keyPath(path)}: got ${got(value)}, allowed: ${allowed}`, path);
  return n;
}

/** A list of names: `[a, b]` or one name `a` (or `"a, b"`). */
function names(value: unknown, path: Path, allowed = 'a name or a list of names'): string[] {
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
  if (!Array.isArray(list) || list.length === 0) throw new ConfigError(`${keyPath(path)}: got ${got(value)}, allowed: ${allowed}`, path);
  return list.map((v, i) => text(v, Array.isArray(value) ? [...path, i] : path, allowed));
}

/** A built-in model by name, or a model file (`.yml`, `.yaml`, `.json`) relative to the pipeline file. */
function model(value: unknown, path: Path, baseDir: string): SemanticModel {
  const builtin = Object.keys(builtinModels);
  const allowed = `${builtin.join(', ')} or a model file (.yml, .yaml, .json)`;
  const name = text(value, path, allowed);
  if (Object.hasOwn(builtinModels, name)) return builtinModels[name];
  if (!/\.(ya?ml|json)$/i.test(name)) throw new ConfigError(`${keyPath(path)}: got ${got(value)}, allowed: ${allowed}`, path);
  const file = isAbsolute(name) ? name : join(baseDir, name);
  if (!existsSync(file)) throw new ConfigError(`${keyPath(path)}: model file ${name} not found`, path);
  return loadModelFile(file);
}

/** metric, grain and by of a KPI rule or forecast, checked against the model's measures and dimensions. */
function target(v: Obj, path: Path, baseDir: string): KpiTarget {
  if (v.model === undefined) throw new ConfigError(`${keyPath([...path, 'model'])}: missing, allowed: ${Object.keys(builtinModels).join(', ')} or a model file`, path);
  const m = model(v.model, [...path, 'model'], baseDir);
  if (v.metric === undefined) throw new ConfigError(`${keyPath([...path, 'metric'])}: missing, allowed: a measure of model ${m.name}`, path);
  const metric = oneOf(v.metric, Object.keys(m.measures), [...path, 'metric']);
  const grain = v.grain === undefined ? 'week' : oneOf(v.grain, SERIES_GRAINS, [...path, 'grain']);
  const by = v.by === undefined ? [] : names(v.by, [...path, 'by'], `dimensions of model ${m.name}: ${dimensionNames(m).join(', ')}`);
  by.forEach((d, i) => oneOf(d, dimensionNames(m), Array.isArray(v.by) ? [...path, 'by', i] : [...path, 'by']));
  return { model: m, metric, grain, by };
}

function readOptions(v: Obj, path: Path): FileReadOptions {
  const out: FileReadOptions = { table: '' };
  if (v.table === undefined) throw new ConfigError(`${keyPath([...path, 'table'])}: missing, allowed: the target table (orders or schema.table)`, path);
  out.table = text(v.table, [...path, 'table']);
  if (!IDENT.test(out.table)) throw new ConfigError(`${keyPath([...path, 'table'])}: got ${got(v.table)}, allowed: table or schema.table`, [...path, 'table']);
  if (v.key !== undefined) out.key = names(v.key, [...path, 'key'], 'a column or a list of columns');
  if (v.format !== undefined) out.format = oneOf(v.format, FORMATS, [...path, 'format']);
  if (v.sqlite_table !== undefined) out.sqliteTable = text(v.sqlite_table, [...path, 'sqlite_table']);
  if (v.delimiter !== undefined) out.delimiter = text(v.delimiter, [...path, 'delimiter'], 'one character');
  if (v.encoding !== undefined) out.encoding = text(v.encoding, [...path, 'encoding']);
  if (v.decimal !== undefined) out.decimal = oneOf(v.decimal, ['.', ','] as const, [...path, 'decimal']);
  if (v.pseudonymise !== undefined) out.pseudonymise = names(v.pseudonymise, [...path, 'pseudonymise'], 'a column or a list of columns');
  return out;
}

const READ_KEYS = ['name', 'table', 'key', 'format', 'sqlite_table', 'delimiter', 'encoding', 'decimal', 'pseudonymise'];
const DATABASE_KEYS = ['name', 'database', 'table', 'query', 'cursor', 'into', 'key', 'password_env', 'pseudonymise'];

/** `database: mysql://…` with `table:` or `query:`, `into:`, optional `cursor:`, `key:`, `password_env:`. */
function databaseSource(v: Obj, path: Path): DatabaseSource {
  onlyKeys(v, DATABASE_KEYS, path);
  const url = text(v.database, [...path, 'database'], 'a URL mysql://, mariadb://, postgres:// or postgresql://');
  if (!/^(mysql|mariadb|postgres|postgresql):\/\//i.test(url)) {
    throw new ConfigError(`${keyPath([...path, 'database'])}: got ${got(maskUrl(url))}, allowed: a URL mysql://, mariadb://, postgres:// or postgresql://`, [...path, 'database']);
  }
  if (urlSecrets(url).length > 0) {
    throw new ConfigError(`${keyPath([...path, 'database'])}: the URL holds a password; write it without and name the environment variable that holds it in password_env:`, [...path, 'database']);
  }
  if ((v.table === undefined) === (v.query === undefined)) throw new ConfigError(`${keyPath(path)}: needs exactly one of table, query`, path);
  if (v.into === undefined) throw new ConfigError(`${keyPath([...path, 'into'])}: missing, allowed: the target table (orders or schema.table)`, path);
  const into = text(v.into, [...path, 'into']);
  if (!IDENT.test(into)) throw new ConfigError(`${keyPath([...path, 'into'])}: got ${got(v.into)}, allowed: table or schema.table`, [...path, 'into']);
  const out: DatabaseSource = { kind: 'database', name: v.name === undefined ? into : text(v.name, [...path, 'name']), url, into };
  if (v.table !== undefined) out.table = text(v.table, [...path, 'table'], 'a source table');
  if (v.query !== undefined) out.query = text(v.query, [...path, 'query'], 'one SELECT');
  if (v.cursor !== undefined) out.cursor = text(v.cursor, [...path, 'cursor'], 'a column that only grows (updated_at, an increasing id)');
  if (v.key !== undefined) out.key = names(v.key, [...path, 'key'], 'a column or a list of columns');
  if (v.password_env !== undefined) out.passwordEnv = text(v.password_env, [...path, 'password_env'], 'the name of an environment variable');
  if (v.pseudonymise !== undefined) out.pseudonymise = names(v.pseudonymise, [...path, 'pseudonymise'], 'a column or a list of columns');
  return out;
}

function source(value: unknown, path: Path, baseDir: string): SourceConfig {
  const v = map(value, path, 'a source must be a map with file: or inbox: (and table:)');
  const kinds = ['file', 'inbox', 'database'].filter((k) => Object.hasOwn(v, k));
  if (kinds.length !== 1) throw new ConfigError(`${keyPath(path)}: needs exactly one of file, inbox, database`, path);
  if (kinds[0] === 'database') return databaseSource(v, path);
  const kind = kinds[0] as 'file' | 'inbox';
  onlyKeys(v, [kind, ...READ_KEYS], path);
  const written = text(v[kind], [...path, kind], kind === 'file' ? 'a file path' : 'a folder pattern such as data/incoming/*.csv');
  const options = readOptions(v, path);
  const name = v.name === undefined ? options.table : text(v.name, [...path, 'name']);
  const abs = isAbsolute(written) ? written : resolve(baseDir, written);
  if (kind === 'file') {
    if (/[*?]/.test(written)) throw new ConfigError(`${keyPath([...path, 'file'])}: got ${got(written)}, allowed: one file (use inbox: for a pattern)`, [...path, 'file']);
    return { kind, name, path: abs, ...options };
  }
  const dir = dirname(abs);
  const glob = basename(abs);
  if (/[*?]/.test(dir)) throw new ConfigError(`${keyPath([...path, 'inbox'])}: got ${got(written)}, allowed: wildcards (* ?) in the file name only, such as data/incoming/*.csv`, [...path, 'inbox']);
  return { kind, name, pattern: abs, dir, glob: /[*?]/.test(glob) ? glob : '*', ...options };
}

function forecastEntry(value: unknown, path: Path, baseDir: string): ForecastConfig {
  const v = map(value, path, 'a forecast must be a map: metric, model, grain, by, h');
  onlyKeys(v, ['metric', 'model', 'grain', 'by', 'h', 'models', 'hierarchy', 'reconcile', 'distributed', 'batch_size', 'holidays', 'events'], path);
  const hierarchy = forecastHierarchy(v, path, baseDir);
  const t = target(hierarchy && v.by === undefined ? { ...v, by: hierarchy.levels } : v, path, baseDir);
  const h = v.h === undefined ? 4 : integer(v.h, [...path, 'h'], 1, 104);
  const holidays = v.holidays === undefined ? undefined : holidaysCode(v.holidays, [...path, 'holidays']);
  const events = v.events === undefined ? undefined : eventsSource(v.events, [...path, 'events'], baseDir);
  const known = holidays || events ? [...modelNames, ...holidayModelNames] : modelNames;
  const models = v.models === undefined ? undefined : names(v.models, [...path, 'models'], known.join(', '));
  models?.forEach((m, i) => oneOf(m, known, Array.isArray(v.models) ? [...path, 'models', i] : [...path, 'models']));
  const distributed = v.distributed === undefined ? false : bool(v.distributed, [...path, 'distributed']);
  if (v.batch_size !== undefined && !distributed) throw new ConfigError(`${keyPath([...path, 'batch_size'])}: only with distributed: yes`, [...path, 'batch_size']);
  const batchSize = v.batch_size === undefined ? 200 : integer(v.batch_size, [...path, 'batch_size'], 1, 100_000);
  if (distributed && hierarchy) throw new ConfigError(`${keyPath([...path, 'distributed'])}: not with hierarchy: (a hierarchy is reconciled as a whole, in one process)`, [...path, 'distributed']);
  const name = [t.model.name, t.metric, ...t.by].join('/');
  return { name, ...t, h, ...(models ? { models } : {}), ...(hierarchy ? { hierarchy } : {}), ...(holidays ? { holidays } : {}), ...(events ? { events } : {}), ...(distributed ? { distributed: { batchSize } } : {}) };
}

/**
 * `events:` of a forecast entry: a CSV file of events (readEventsCsv; relative to the pipeline
 * file) or `{ table: name }`, a table of the warehouse (readEventsTable; `name` in raw, or
 * `schema.name`). The file must exist now; its rows, like the table's, are read and checked when
 * the forecast runs (InputError naming file:line:column, or table row and column).
 */
function eventsSource(value: unknown, path: Path, baseDir: string): NonNullable<ForecastConfig['events']> {
  const allowed = 'a CSV file of events (date or start, end, name, kind) or { table: name }';
  if (typeof value === 'string') {
    const written = text(value, path, allowed);
    const file = isAbsolute(written) ? written : resolve(baseDir, written);
    if (!existsSync(file)) throw new ConfigError(`${keyPath(path)}: got ${got(value)} (no such file), allowed: ${allowed}`, path);
    return { file };
  }
  const v = map(value, path, `got ${got(value)}, allowed: ${allowed}`);
  onlyKeys(v, ['table'], path);
  if (v.table === undefined) throw new ConfigError(`${keyPath([...path, 'table'])}: missing, allowed: the events table (events or schema.table)`, path);
  const table = text(v.table, [...path, 'table'], 'table or schema.table');
  if (!IDENT.test(table)) throw new ConfigError(`${keyPath([...path, 'table'])}: got ${got(v.table)}, allowed: table or schema.table`, [...path, 'table']);
  return { table };
}

/** `holidays:` of a forecast entry: a country or region code that date-holidays knows (FR, FR-GP, DE-BY). */
function holidaysCode(value: unknown, path: Path): string {
  const code = text(value, path, 'a country code as FR or country-region as FR-GP, DE-BY');
  try {
    return holidayCalendar(code).code;
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    throw new ConfigError(`${keyPath(path)}: got ${got(value)}${error.reason ? ` (${error.reason})` : ''}, allowed: ${error.allowed}`, path);
  }
}

/**
 * `hierarchy:` of a forecast entry: its level columns from the top down (`[region, store,
 * category]`, or `store, category`), dimensions of the entry's model; `reconcile:` mint_shrink
 * (default), bottom_up or top_down, only beside it. The series are cut by the bottom level (`by`
 * defaults to the levels; a `by` given must be them).
 */
function forecastHierarchy(v: Obj, path: Path, baseDir: string): ForecastConfig['hierarchy'] {
  if (v.hierarchy === undefined) {
    if (v.reconcile !== undefined) throw new ConfigError(`${keyPath([...path, 'reconcile'])}: only with hierarchy: (its level columns, such as [store, category])`, [...path, 'reconcile']);
    return undefined;
  }
  const at = [...path, 'hierarchy'];
  const m = v.model === undefined ? undefined : model(v.model, [...path, 'model'], baseDir);
  const allowed = m ? `dimensions of model ${m.name} from the top down: ${dimensionNames(m).join(', ')}` : 'level columns from the top down, such as [store, category]';
  const levels = names(v.hierarchy, at, allowed);
  levels.forEach((level, i) => {
    const where = Array.isArray(v.hierarchy) ? [...at, i] : at;
    if (m) oneOf(level, dimensionNames(m), where);
    if (levels.indexOf(level) !== i) throw new ConfigError(`${keyPath(where)}: got ${got(level)}, allowed: each level once`, where);
  });
  if (v.by !== undefined) {
    const by = names(v.by, [...path, 'by']);
    if (by.join() !== levels.join()) throw new ConfigError(`${keyPath([...path, 'by'])}: got ${got(v.by)}, allowed: the hierarchy's levels ${got(levels)} (or no by: with hierarchy:)`, [...path, 'by']);
  }
  const reconcile = v.reconcile === undefined ? reconcileMethods[0] : oneOf(v.reconcile, reconcileMethods, [...path, 'reconcile']);
  return { levels, reconcile };
}

function report(value: unknown, path: Path, baseDir: string): ReportConfig {
  const v = map(value ?? {}, path, 'report must be a map: out, pdf, png, locale');
  onlyKeys(v, ['out', 'pdf', 'png', 'locale'], path);
  const out = v.out === undefined ? 'out/report' : text(v.out, [...path, 'out'], 'a directory');
  return {
    out: isAbsolute(out) ? out : resolve(baseDir, out),
    pdf: v.pdf === undefined ? false : bool(v.pdf, [...path, 'pdf']),
    png: v.png === undefined ? false : bool(v.png, [...path, 'png']),
    locale: v.locale === undefined ? 'en' : oneOf(v.locale, ['en', 'fr'] as const, [...path, 'locale']),
  };
}

function deliver(value: unknown, path: Path): DeliverConfig {
  const v = map(value, path, 'deliver must be a map: email, webhook, retry');
  onlyKeys(v, ['email', 'webhook', 'retry'], path);
  const out: DeliverConfig = { retry: v.retry === undefined ? 3 : integer(v.retry, [...path, 'retry'], 1, 10) };
  if (v.email !== undefined) {
    const p = [...path, 'email'];
    const e = map(v.email, p, 'email must be a map: to, from (the server: KPICAST_SMTP_URL and KPICAST_SMTP_PASSWORD)');
    onlyKeys(e, ['to', 'from'], p);
    if (e.to === undefined) throw new ConfigError(`${keyPath([...p, 'to'])}: missing, allowed: an address or a list of addresses`, p);
    const to = names(e.to, [...p, 'to'], 'an address or a list of addresses');
    to.forEach((a, i) => {
      if (!EMAIL.test(a)) throw new ConfigError(`${keyPath(Array.isArray(e.to) ? [...p, 'to', i] : [...p, 'to'])}: got ${got(a)}, allowed: an address such as planning@example.com`, Array.isArray(e.to) ? [...p, 'to', i] : [...p, 'to']);
    });
    out.email = { to, ...(e.from !== undefined ? { from: text(e.from, [...p, 'from']) } : {}) };
  }
  if (v.webhook !== undefined) {
    const p = [...path, 'webhook'];
    const w = typeof v.webhook === 'string' ? { url: v.webhook } : map(v.webhook, p, 'webhook must be a map: url');
    onlyKeys(w, ['url'], p);
    const url = text(w.url, [...p, 'url'], 'an http:// or https:// URL');
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new ConfigError(`${keyPath([...p, 'url'])}: not an http:// or https:// URL`, [...p, 'url']);
    out.webhook = { url };
  }
  if (!out.email && !out.webhook) throw new ConfigError(`${keyPath(path)}: needs email, webhook or both`, path);
  return out;
}

const RULE_KEYS: Record<AlertCondition, string[]> = {
  below: ['name', 'condition', 'model', 'metric', 'grain', 'by', 'value'],
  above: ['name', 'condition', 'model', 'metric', 'grain', 'by', 'value'],
  change_pct_below: ['name', 'condition', 'model', 'metric', 'grain', 'by', 'value', 'compare'],
  change_pct_above: ['name', 'condition', 'model', 'metric', 'grain', 'by', 'value', 'compare'],
  outside_forecast: ['name', 'condition', 'model', 'metric', 'grain', 'by', 'level'],
  missing_data: ['name', 'condition', 'source', 'days'],
};

function alert(value: unknown, path: Path, baseDir: string, sources: SourceConfig[]): AlertRule {
  const v = map(value, path, 'an alert must be a map: name, condition, model, metric, grain, by, value');
  if (v.condition === undefined) throw new ConfigError(`${keyPath([...path, 'condition'])}: missing, allowed: ${ALERT_CONDITIONS.join(', ')}`, path);
  const condition = oneOf(v.condition, ALERT_CONDITIONS, [...path, 'condition']);
  onlyKeys(v, RULE_KEYS[condition], path);
  if (condition === 'missing_data') {
    const known = sources.map((s) => s.name);
    if (v.source === undefined) throw new ConfigError(`${keyPath([...path, 'source'])}: missing, allowed: ${known.join(', ') || 'a source of this file'}`, path);
    const name = oneOf(v.source, known, [...path, 'source']);
    if (v.days === undefined) throw new ConfigError(`${keyPath([...path, 'days'])}: missing, allowed: a whole number from 1 to 3650`, path);
    const days = integer(v.days, [...path, 'days'], 1, 3650);
    const src = sources.find((s) => s.name === name)!;
    const table = src.kind === 'database' ? src.into : src.table;
    return { name: v.name === undefined ? `${name} missing_data` : text(v.name, [...path, 'name']), condition, source: name, table: table.includes('.') ? table : `raw.${table}`, days };
  }
  const t = target(v, path, baseDir);
  const name = v.name === undefined ? `${t.metric} ${condition}` : text(v.name, [...path, 'name']);
  if (condition === 'outside_forecast') {
    const level = v.level === undefined ? 80 : number(v.level, [...path, 'level'], '80, 95');
    if (level !== 80 && level !== 95) throw new ConfigError(`${keyPath([...path, 'level'])}: got ${got(v.level)}, allowed: 80, 95`, [...path, 'level']);
    return { name, condition, ...t, level };
  }
  const what = condition === 'below' || condition === 'above' ? 'a number (the threshold)' : 'a number in percent (-15 = down 15 %)';
  if (v.value === undefined) throw new ConfigError(`${keyPath([...path, 'value'])}: missing, allowed: ${what}`, path);
  const threshold = number(v.value, [...path, 'value'], what);
  if (condition === 'below' || condition === 'above') return { name, condition, ...t, value: threshold };
  const compare: Compare = v.compare === undefined ? 'previous_period' : oneOf(v.compare, COMPARES, [...path, 'compare']);
  return { name, condition, ...t, value: threshold, compare };
}

function list(value: unknown, path: Path, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ConfigError(`${keyPath(path)}: ${what}`, path);
  return value;
}

const TOP_KEYS = ['name', 'sources', 'build', 'forecast', 'report', 'deliver', 'alerts', 'pseudonymise', 'schedules'];

/**
 * Turns the plain object of a pipeline file into a {@link PipelineConfig}: every key checked,
 * every default filled, paths resolved against `baseDir`. Throws at the first problem with its
 * key path (`alerts[1].condition: got "bellow", allowed: below, above, …`); list indexes count
 * from 0. {@link loadPipelineFile} adds the file, line and column.
 */
export function normalisePipeline(doc: unknown, options: { baseDir: string; file?: string; name?: string }): PipelineConfig {
  const v = map(doc ?? {}, [], 'a pipeline file holds one map: sources, build, forecast, report, deliver, alerts');
  onlyKeys(v, TOP_KEYS, []);
  if (v.schedules !== undefined) throw new ConfigError('schedules: not supported yet; run the pipeline from cron: kpicast run --pipeline <file>', ['schedules']);
  const sources = list(v.sources, ['sources'], 'a list of sources (file: or inbox:, with table:)').map((s, i) => source(s, ['sources', i], options.baseDir));
  const seen = new Map<string, number>();
  sources.forEach((s, i) => {
    if (seen.has(s.name)) throw new ConfigError(`sources[${i}].name: ${got(s.name)} is also the name of sources[${seen.get(s.name)}]; give one a name:`, ['sources', i]);
    seen.set(s.name, i);
  });
  const forecasts = list(v.forecast, ['forecast'], 'a list of forecasts (metric, model, grain, by, h, hierarchy)').map((f, i) => forecastEntry(f, ['forecast', i], options.baseDir));
  const alerts = list(v.alerts, ['alerts'], 'a list of alert rules').map((a, i) => alert(a, ['alerts', i], options.baseDir, sources));
  const ruleNames = new Map<string, number>();
  alerts.forEach((a, i) => {
    if (ruleNames.has(a.name)) throw new ConfigError(`alerts[${i}].name: ${got(a.name)} is also the name of alerts[${ruleNames.get(a.name)}]`, ['alerts', i, 'name']);
    ruleNames.set(a.name, i);
  });
  const config: PipelineConfig = {
    name: v.name === undefined ? (options.name ?? 'pipeline') : text(v.name, ['name']),
    file: options.file ?? '',
    baseDir: options.baseDir,
    sources,
    build: v.build === undefined ? true : bool(v.build, ['build']),
    forecasts,
    alerts,
  };
  if (v.pseudonymise !== undefined) config.pseudonymise = names(v.pseudonymise, ['pseudonymise'], 'a column or a list of columns');
  if (v.report !== undefined) config.report = report(v.report, ['report'], options.baseDir);
  if (v.deliver !== undefined) {
    config.deliver = deliver(v.deliver, ['deliver']);
  }
  return config;
}

/** Line and column (1-based) of the node at `path`: the key of a map entry, an item of a list, else the nearest parent. */
function position(doc: Document, counter: LineCounter, path: Path): { line?: number; column?: number } {
  let node: unknown = doc.contents;
  let at: [number, number, number] | undefined = (node as { range?: [number, number, number] } | null)?.range;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      at = (pair.key as { range?: [number, number, number] }).range ?? at;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
      node = node.items[step];
      at = (node as { range?: [number, number, number] }).range ?? at;
    } else {
      break;
    }
  }
  if (!at) return {};
  const pos = counter.linePos(at[0]);
  return { line: pos.line, column: pos.col };
}

/**
 * Reads and validates a pipeline file (`kpicast.yml`): sources (files and inbox folders with
 * their table and key), build, forecasts, report, delivery and alert rules, as one typed config.
 * Validated once, before anything runs: a mistake is ONE line with the file as given, line,
 * column and key path, e.g.
 * `kpicast.yml, line 12, column 5: alerts[1].condition: got "bellow", allowed: below, above, …`.
 * Relative paths in the file are relative to the file's directory.
 *
 * @example
 * loadPipelineFile('data/examples/kpicast.yml').alerts.map((a) => a.condition); // => ['below', 'change_pct_below', …]
 */
export function loadPipelineFile(file: string): PipelineConfig {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read pipeline file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file });
  }
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = counter.linePos(error.pos[0]);
    throw new InputError(error.message.split('\n')[0], { file, line: pos.line, column: pos.col });
  }
  const abs = resolve(file);
  try {
    const config = normalisePipeline(doc.toJS(), { baseDir: dirname(abs), file: abs, name: basename(abs, extname(abs)) });
    // where each `distributed:` is, for its refusal on an embedded warehouse (known only at run time)
    config.forecasts.forEach((f, i) => {
      if (f.distributed) f.distributed.at = position(doc, counter, ['forecast', i, 'distributed']);
    });
    return config;
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(error.message, { file, ...position(doc, counter, error.path) });
    if (error instanceof InputError) throw error; // a model file's own line and column
    if (error instanceof KpicastError) throw new InputError(error.message, { file });
    throw error;
  }
}

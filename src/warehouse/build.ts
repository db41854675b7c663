import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { InputError, KpicastError } from '../errors.js';
import { silentLogger, type Logger } from '../util/log.js';
import type { Queryable, Warehouse } from './types.js';
import { scalarText } from '../util/text.js';

/** The layers of SQL models, built in this order of schemas. */
export const LAYERS = ['staging', 'intermediate', 'marts'] as const;
export type Layer = (typeof LAYERS)[number];

/** One SQL model: a SELECT in `<layer>/<name>.sql`, built as `<layer>.<name>`. */
export interface SqlModel {
  /** Qualified name, `marts.fct_sales`. */
  name: string;
  layer: Layer;
  file: string;
  sql: string;
  materialized: 'view' | 'table';
  /**
   * Indexes of a table model, from its `-- indexes: order_date; store_id, order_date` header: one
   * btree index per `;`-separated column list, made after the table (date ranges and filters of
   * KPI requests then read the rows they need instead of the whole table).
   */
  indexes: string[][];
  /** Qualified names of the models it reads (found in its SQL, plus any `-- depends:` header). */
  depends: string[];
}

/** One declared data test on a column of a model. */
export interface DataTest {
  model: string;
  column: string;
  kind: 'unique' | 'not_null' | 'relationships' | 'accepted_values';
  /** relationships: the model and column referenced. */
  to?: { model: string; field: string };
  /** accepted_values: the allowed values. */
  values?: string[];
}

export interface DataTestResult {
  test: DataTest;
  /** Short name, `unique(store_id)`. */
  label: string;
  failing: number;
  ok: boolean;
}

/** What `build` did: models in the order built, and each test's outcome. */
export interface BuildReport {
  models: Array<{ name: string; materialized: 'view' | 'table'; ms: number }>;
  tests: DataTestResult[];
  /** True when every test passed. */
  ok: boolean;
}

/** The folder of the SQL models, found from the source or the built file (as migrations are). */
export function sqlModelsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Built code lives in dist/src/warehouse; the SQL stays in src/warehouse/sql.
  return here.includes(`${join('dist', 'src')}`) ? join(here, '..', '..', '..', 'src', 'warehouse', 'sql') : join(here, 'sql');
}

const REFERENCE = /\b(staging|intermediate|marts)\.([a-z_][a-z0-9_]*)\b/gi;

/**
 * Reads the SQL models of `dir` (`staging/`, `intermediate/`, `marts/`) and orders them so
 * each comes after the models it reads. Dependencies are the `layer.name` references found
 * in the SQL plus names listed in a `-- depends: a.b, c.d` header.
 * Throws on a reference to an unknown model or a cycle, naming it.
 *
 * @example
 * loadSqlModels().map((m) => m.name).slice(0, 2); // => ['staging.stg_customers', 'staging.stg_dealers']
 */
export function loadSqlModels(dir = sqlModelsDir()): SqlModel[] {
  const models = new Map<string, SqlModel>();
  for (const layer of LAYERS) {
    const folder = join(dir, layer);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql')).sort()) {
      const name = `${layer}.${file.slice(0, -4)}`;
      const sql = readFileSync(join(folder, file), 'utf8');
      const materializedMatch = /^--\s*materialized:\s*(view|table)\s*$/im.exec(sql);
      const indexes = (/^--\s*indexes:\s*(.+)$/im.exec(sql)?.[1] ?? '').split(';').map((list) => list.split(',').map((c) => c.trim()).filter(Boolean)).filter((list) => list.length > 0);
      for (const column of indexes.flat()) {
        if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new KpicastError(`${join(layer, file)}: -- indexes: got ${JSON.stringify(column)}, allowed: column names (letters, digits, _), comma-separated, ; between indexes`, 'E_MODEL');
      }
      const declared = /^--\s*depends:\s*(.+)$/im.exec(sql)?.[1].split(',').map((s) => s.trim()).filter(Boolean) ?? [];
      const found = [...sql.replace(/^--.*$/gm, '').matchAll(REFERENCE)].map((m) => `${m[1]}.${m[2]}`.toLowerCase());
      models.set(name, {
        name,
        layer,
        file: join(layer, file),
        sql,
        materialized: (materializedMatch?.[1] as 'view' | 'table' | undefined) ?? (layer === 'marts' ? 'table' : 'view'),
        indexes,
        depends: [...new Set([...declared, ...found])].filter((d) => d !== name),
      });
    }
  }
  return orderModels([...models.values()]);
}

/** Topological order of `models` (stable: by layer then name); throws on unknown dependencies and cycles. */
export function orderModels(models: SqlModel[]): SqlModel[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  for (const model of models) {
    for (const dep of model.depends) {
      if (!byName.has(dep)) {
        throw new KpicastError(`build: model ${model.name} (${model.file}) depends on unknown model ${dep}, known: ${[...byName.keys()].join(', ')}`);
      }
    }
  }
  const ordered: SqlModel[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (model: SqlModel, path: string[]): void => {
    const seen = state.get(model.name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(model.name)), model.name];
      throw new KpicastError(`build: dependency cycle ${cycle.join(' -> ')}`);
    }
    state.set(model.name, 'visiting');
    for (const dep of model.depends) visit(byName.get(dep)!, [...path, model.name]);
    state.set(model.name, 'done');
    ordered.push(model);
  };
  for (const model of models) visit(model, []);
  return ordered;
}

const TEST_KINDS = ['unique', 'not_null', 'relationships', 'accepted_values'];

/**
 * Reads the data tests declared in `tests.yml` beside the SQL models:
 * `model: { column: [unique, not_null, { relationships: { to, field } }, { accepted_values: [...] }] }`.
 * A malformed file throws one line with file, line and column.
 */
export function loadDataTests(file = join(sqlModelsDir(), 'tests.yml')): DataTest[] {
  if (!existsSync(file)) return [];
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      throw new InputError(error.message.split('\n')[0], { file, line: pos?.line, column: pos?.col });
    }
    throw error;
  }
  const tests: DataTest[] = [];
  for (const [model, columns] of Object.entries((doc ?? {}) as Record<string, Record<string, unknown[]>>)) {
    for (const [column, list] of Object.entries(columns ?? {})) {
      for (const entry of list ?? []) {
        if (typeof entry === 'string') {
          if (entry !== 'unique' && entry !== 'not_null') {
            throw new InputError(`test ${JSON.stringify(entry)} on ${model}.${column} is not one of ${TEST_KINDS.join(', ')}`, { file });
          }
          tests.push({ model, column, kind: entry });
        } else if (entry && typeof entry === 'object' && 'relationships' in entry) {
          const rel = (entry as { relationships: { to: string; field: string } }).relationships;
          tests.push({ model, column, kind: 'relationships', to: { model: rel.to, field: rel.field } });
        } else if (entry && typeof entry === 'object' && 'accepted_values' in entry) {
          tests.push({ model, column, kind: 'accepted_values', values: (entry as { accepted_values: unknown[] }).accepted_values.map(String) });
        } else {
          throw new InputError(`test ${JSON.stringify(entry)} on ${model}.${column} is not one of ${TEST_KINDS.join(', ')}`, { file });
        }
      }
    }
  }
  return tests;
}

const quoteIdent = (name: string): string => name.split('.').map((part) => `"${part.replace(/"/g, '""')}"`).join('.');
const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The SQL counting the rows that fail `test` (0 = pass). */
export function dataTestSql(test: DataTest): string {
  const table = quoteIdent(test.model);
  const col = quoteIdent(test.column);
  switch (test.kind) {
    case 'not_null':
      return `SELECT count(*) AS failing FROM ${table} WHERE ${col} IS NULL`;
    case 'unique':
      return `SELECT coalesce(sum(n), 0) AS failing FROM (SELECT count(*) AS n FROM ${table} WHERE ${col} IS NOT NULL GROUP BY ${col} HAVING count(*) > 1) d`;
    case 'relationships':
      return `SELECT count(*) AS failing FROM ${table} t WHERE t.${col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(test.to!.model)} r WHERE r.${quoteIdent(test.to!.field)} = t.${col})`;
    case 'accepted_values':
      return `SELECT count(*) AS failing FROM ${table} WHERE ${col} IS NOT NULL AND ${col}::text NOT IN (${test.values!.map(quoteLiteral).join(', ')})`;
  }
}

/** Short readable name of a test: `relationships(store_id -> marts.dim_store.store_id)`. */
export function dataTestLabel(test: DataTest): string {
  if (test.kind === 'relationships') return `relationships(${test.column} -> ${test.to!.model}.${test.to!.field})`;
  if (test.kind === 'accepted_values') return `accepted_values(${test.column} in ${test.values!.join('|')})`;
  return `${test.kind}(${test.column})`;
}

async function buildModel(tx: Queryable, model: SqlModel): Promise<void> {
  const body = model.sql.replace(/;\s*$/, '');
  const target = quoteIdent(model.name);
  // A table may replace a view of the same name (or the reverse): drop whichever exists.
  const existing = await tx.query<{ kind: string }>(
    `SELECT c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    [model.layer, model.name.slice(model.layer.length + 1)],
  );
  const kind = existing.rows[0]?.kind;
  if (kind === 'v') await tx.exec(`DROP VIEW ${target} CASCADE`);
  else if (kind === 'm') await tx.exec(`DROP MATERIALIZED VIEW ${target} CASCADE`);
  else if (kind === 'r') await tx.exec(`DROP TABLE ${target} CASCADE`);
  await tx.exec(`CREATE ${model.materialized === 'table' ? 'TABLE' : 'VIEW'} ${target} AS\n${body}`);
  if (model.materialized === 'table') {
    for (const columns of model.indexes) await tx.exec(`CREATE INDEX ON ${target} (${columns.map(quoteIdent).join(', ')})`);
    // Fresh statistics, so the planner sizes KPI queries on the new table right.
    await tx.exec(`ANALYZE ${target}`);
  }
}

/**
 * Builds the warehouse marts from the raw tables: runs the SQL models of
 * src/warehouse/sql (staging → intermediate → marts, each after what it reads) in ONE
 * transaction, replacing what an earlier build made (idempotent: run it again, same result),
 * then runs the declared data tests. A failing test does not roll the build back; the report
 * says which model and test failed and on how many rows.
 * Cost: the marts are tables, so a build reads every raw row once (seconds per million lines).
 *
 * @example
 * const report = await build(warehouse);
 * report.ok; // => true
 * report.models.at(-1)?.name; // => 'marts.stock_by_product' (or another mart)
 */
export async function build(
  warehouse: Warehouse,
  options: { log?: Logger; dir?: string; testsFile?: string } = {},
): Promise<BuildReport> {
  const log = options.log ?? silentLogger;
  const dir = options.dir ?? sqlModelsDir();
  const models = loadSqlModels(dir);
  const tests = loadDataTests(options.testsFile ?? join(dir, 'tests.yml'));
  const built: BuildReport['models'] = [];
  await warehouse.transaction(async (tx) => {
    // Room for the sorts and hashes of the stock grid without spilling to disk (this transaction only).
    await tx.exec(`SET LOCAL work_mem = '128MB'`);
    for (const layer of LAYERS) await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${layer}`);
    for (const model of models) {
      const started = performance.now();
      try {
        await buildModel(tx, model);
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new KpicastError(`build: model ${model.name} (${model.file}) failed: ${message}`);
      }
      const ms = performance.now() - started;
      built.push({ name: model.name, materialized: model.materialized, ms });
      log.info(`model ${model.name} (${model.materialized})  ${Math.round(ms)} ms`);
    }
  });
  const results: DataTestResult[] = [];
  for (const test of tests) {
    const label = dataTestLabel(test);
    let failing: number;
    try {
      // One statement, extended protocol, read-only: a test only counts rows.
      const { rows } = await warehouse.readOnly((tx) => tx.query<{ failing: number }>(dataTestSql(test)));
      failing = Number(rows[0]?.failing ?? 0);
    } catch (error) {
      throw new KpicastError(`build: test ${label} on ${test.model} cannot run: ${error instanceof Error ? error.message.split('\n')[0] : scalarText(error)}`);
    }
    results.push({ test, label, failing, ok: failing === 0 });
  }
  return { models: built, tests: results, ok: results.every((r) => r.ok) };
}

import type { Queryable } from '../warehouse/types.js';
import { quoted } from '../util/clip.js';
import { quoteIdent, type TableSchema } from './table-schema.js';
import type { LoadPlan } from './plan.js';

/** The TEMP staging table a load copies its good rows into; dropped at commit or rollback. */
export const STAGE = 'kpicast_stage';

/**
 * Creates the staging table (`_line` + the planned columns with their target types, no
 * constraints) and COPYs `chunks` (csv text, `_line` first) into it; on a server the chunks
 * are streamed as they come. Returns the number of rows copied.
 */
export async function stageRows(tx: Queryable, plan: LoadPlan, chunks: Iterable<string>): Promise<number> {
  const cols = plan.columns.map((c) => `${quoteIdent(c.name)} ${c.sqlType}`);
  await tx.query(`CREATE TEMP TABLE ${STAGE} (_line bigint, ${cols.join(', ')}) ON COMMIT DROP`);
  const list = ['_line', ...plan.columns.map((c) => quoteIdent(c.name))].join(', ');
  return tx.copyFrom(`COPY ${STAGE} (${list}) FROM STDIN WITH (FORMAT csv)`, chunks);
}

/** A staged row that breaks a foreign key or a CHECK constraint. */
export interface Violation {
  line: number;
  reason: string;
  column: string;
}

/**
 * Finds, in one set-based query over the staging table, the rows whose foreign keys point to
 * no parent row and the rows that fail a CHECK constraint of the target; deletes them from the
 * stage and returns them. Constraints on columns the file does not have are left to their
 * defaults. Cost: one scan of the stage with hash joins to each parent table.
 */
export async function removeViolations(tx: Queryable, plan: LoadPlan, schema: TableSchema | null): Promise<Violation[]> {
  if (!schema) return [];
  const inFile = new Set(plan.columns.map((c) => c.name));
  const fks = schema.foreignKeys.filter((fk) => fk.columns.every((c) => inFile.has(c)));
  const checks = schema.checks.filter((ck) => ck.columns.length > 0 && ck.columns.every((c) => inFile.has(c)));
  if (fks.length === 0 && checks.length === 0) return [];
  const checkCols = checks.map((ck, i) => `((${ck.expression}) IS FALSE) AS _ck${i}`);
  const joins = fks.map((fk, i) =>
    `LEFT JOIN ${fk.refTable} r${i} ON ${fk.columns.map((c, k) => `r${i}.${quoteIdent(fk.refColumns[k])} = s.${quoteIdent(c)}`).join(' AND ')}`,
  );
  const fkBad = fks.map((fk, i) =>
    `(${fk.columns.map((c) => `s.${quoteIdent(c)} IS NOT NULL`).join(' AND ')} AND r${i}.${quoteIdent(fk.refColumns[0])} IS NULL)`,
  );
  const cases = [
    ...fkBad.map((bad, i) => `WHEN ${bad} THEN 'fk${i}'`),
    ...checks.map((_, i) => `WHEN s._ck${i} THEN 'ck${i}'`),
  ];
  const fkValues = fks.map((fk, i) => `CASE WHEN ${fkBad[i]} THEN concat_ws(', ', ${fk.columns.map((c) => `s.${quoteIdent(c)}::text`).join(', ')}) END`);
  const sql = `SELECT s._line AS line, CASE ${cases.join(' ')} END AS what, ${fkValues.length ? `COALESCE(${fkValues.join(', ')})` : 'NULL::text'} AS value
    FROM (SELECT *${checkCols.length ? ', ' + checkCols.join(', ') : ''} FROM ${STAGE}) s ${joins.join(' ')}
    WHERE ${[...fkBad, ...checks.map((_, i) => `s._ck${i}`)].join(' OR ')}`;
  const found = await tx.query<{ line: number; what: string; value: string | null }>(sql);
  if (found.rows.length === 0) return [];
  await tx.query(`DELETE FROM ${STAGE} WHERE _line = ANY($1::bigint[])`, [found.rows.map((r) => r.line)]);
  return found.rows.map((r) => {
    if (r.what.startsWith('fk')) {
      const fk = fks[Number(r.what.slice(2))];
      return {
        line: Number(r.line),
        reason: `unknown foreign key ${fk.columns.join(', ')} = ${quoted(r.value)}: not in ${fk.refTable} (${fk.refColumns.join(', ')})`,
        column: fk.columns.join(', '),
      };
    }
    const ck = checks[Number(r.what.slice(2))];
    return { line: Number(r.line), reason: `violates CHECK ${ck.expression} (${ck.name})`, column: ck.columns.join(', ') };
  });
}

/**
 * Merges the stage into the target and counts what happened, set-based, in two statements
 * joining the stage with the target: an UPDATE of the rows whose key exists with different
 * content (updated), then an INSERT of the rows whose key is not there (inserted); staged rows
 * neither updated nor inserted were already there, identical (duplicates). With no key, whole
 * rows are compared and only rows not already present are inserted. Measured on 200,000 lines
 * this is about 10 % faster than `INSERT ... ON CONFLICT DO UPDATE ... RETURNING (xmax = 0)`, and
 * it needs no unique index on the key. The stage holds each key once (validateRows).
 */
export async function mergeStage(tx: Queryable, plan: LoadPlan, qualified: string): Promise<{ inserted: number; updated: number }> {
  const names = plan.columns.map((c) => quoteIdent(c.name));
  const select = plan.columns.map((c) => (c.defaultExpr ? `COALESCE(s.${quoteIdent(c.name)}, ${c.defaultExpr})` : `s.${quoteIdent(c.name)}`));
  const keys = plan.key.map(quoteIdent);
  const others = names.filter((n) => !keys.includes(n));
  let updated = 0;
  let match: string;
  if (keys.length) {
    match = keys.map((k) => `t.${k} = s.${k}`).join(' AND ');
    if (others.length) {
      const values = plan.columns.map((c, i) => ({ name: names[i], expr: select[i] })).filter((c) => !keys.includes(c.name));
      // counted by staged key, not by target row: a table loaded before without a key may hold a
      // key twice, and both rows take the new content for one row read (the count once went negative)
      const result = await tx.query<{ n: number }>(
        `WITH changed AS (
           UPDATE ${qualified} t SET ${values.map((c) => `${c.name} = ${c.expr}`).join(', ')} FROM ${STAGE} s
            WHERE ${match} AND (${values.map((c) => `t.${c.name}`).join(', ')}) IS DISTINCT FROM (${values.map((c) => c.expr).join(', ')})
            RETURNING ${keys.map((k) => `s.${k}`).join(', ')})
         SELECT count(*)::int AS n FROM (SELECT DISTINCT * FROM changed) d`,
      );
      updated = Number(result.rows[0].n);
    }
  } else {
    match = names.map((n, i) => `t.${n} IS NOT DISTINCT FROM ${select[i]}`).join(' AND ');
  }
  const result = await tx.query(
    `INSERT INTO ${qualified} (${names.join(', ')})
     SELECT ${select.join(', ')} FROM ${STAGE} s WHERE NOT EXISTS (SELECT 1 FROM ${qualified} t WHERE ${match})`,
  );
  return { inserted: result.affectedRows, updated };
}

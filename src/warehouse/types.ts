/** One column of a result: its name and Postgres type oid. */
export interface Field {
  name: string;
  dataTypeID: number;
}

/**
 * Rows of a query. Types are the same on both backends: integers, bigints and
 * numerics come back as JS numbers, `date` as a `YYYY-MM-DD` string,
 * `timestamp`/`timestamptz` as `Date`, booleans as booleans, NULL as null.
 */
export interface QueryResult<R = Record<string, unknown>> {
  rows: R[];
  fields: Field[];
  /** Rows touched by INSERT/UPDATE/DELETE/COPY, where the backend says. */
  affectedRows: number;
}

/** Text for COPY FROM STDIN: one string, or chunks (sync or async). */
export type CopySource = string | Iterable<string> | AsyncIterable<string>;

/** What can run SQL: a warehouse, or a transaction inside one. */
export interface Queryable {
  /**
   * ONE statement with bound parameters ($1, $2 ...), always through the extended protocol
   * (parse, bind, execute), even without parameters: text holding a second statement after a
   * `;` is refused by the database, never run.
   */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /**
   * Runs `fn` where nothing can be written: every statement may read, and an INSERT, UPDATE,
   * DELETE, DDL, or a function that writes is refused by the database ("cannot execute ... in a
   * read-only transaction"). On a warehouse: a transaction of its own begun READ ONLY; inside a
   * transaction: a savepoint made read-only, rolled back after (the outer transaction goes on).
   * KPI, series and data-test queries run in it, so a model file's SQL can read but never write.
   */
  readOnly<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Several statements separated by `;`, no parameters (migrations, SQL files). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk load with `COPY <table> (<cols>) FROM STDIN WITH (FORMAT csv ...)`: `copySql`
   * is that statement, `data` its text. Returns the number of rows copied.
   */
  copyFrom(copySql: string, data: CopySource): Promise<number>;
}

/** How the backends differ, as flags rather than scattered `if`s. */
export interface Capabilities {
  /** Several connections can run queries at the same time (server) or not (PGlite). */
  concurrentQueries: boolean;
  /** COPY data is streamed (server) rather than gathered in memory first (PGlite). */
  streamingCopy: boolean;
}

/**
 * kpicast's one door to the warehouse: an embedded PGlite database or a
 * PostgreSQL server, same SQL dialect, same interface.
 */
export interface Warehouse extends Queryable {
  readonly backend: 'pglite' | 'postgres';
  /** Where it is, safe to print: a directory, `memory`, or a URL with the password masked. */
  readonly target: string;
  readonly capabilities: Capabilities;
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

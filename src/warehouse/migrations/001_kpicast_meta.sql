-- kpicast's own bookkeeping: every load, every quarantined row, every forecast.
CREATE SCHEMA IF NOT EXISTS raw;

CREATE TABLE IF NOT EXISTS load_runs (
  run_id        bigserial PRIMARY KEY,
  source_file   text        NOT NULL,
  target_table  text        NOT NULL,
  checksum      text        NOT NULL,          -- sha256 of the file bytes
  rows_read     bigint      NOT NULL DEFAULT 0,
  rows_loaded   bigint      NOT NULL DEFAULT 0, -- inserted
  rows_updated  bigint      NOT NULL DEFAULT 0, -- key existed, content changed
  rows_duplicate bigint     NOT NULL DEFAULT 0, -- key existed, same content
  rows_quarantined bigint   NOT NULL DEFAULT 0,
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  status        text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  message       text
);

CREATE TABLE IF NOT EXISTS quarantine (
  quarantine_id bigserial PRIMARY KEY,
  run_id        bigint      REFERENCES load_runs (run_id),
  source_file   text        NOT NULL,
  target_table  text        NOT NULL,
  line_number   bigint,                         -- 1-based line in the file (header = line 1); row index for JSON/Parquet/SQLite
  raw_text      text        NOT NULL,
  reason        text        NOT NULL,
  column_name   text,
  quarantined_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS forecasts (
  run_at        timestamptz NOT NULL,
  unique_id     text        NOT NULL,
  ds            date        NOT NULL,
  model         text        NOT NULL,
  mean          double precision NOT NULL,
  lo_80         double precision,
  hi_80         double precision,
  lo_95         double precision,
  hi_95         double precision,
  backtest_mape double precision,
  backtest_metric text,
  backtest_error double precision,
  PRIMARY KEY (run_at, unique_id, ds)
);

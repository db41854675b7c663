-- Run history (one row per run of a pipeline or of the main job, one per step) and alerts.
CREATE TABLE IF NOT EXISTS runs (
  run_id      bigserial   PRIMARY KEY,
  pipeline    text        NOT NULL,                 -- the pipeline's name; 'main' for a plain kpicast run
  trigger     text        NOT NULL CHECK (trigger IN ('manual', 'schedule', 'worker')),
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  -- partial: the data steps succeeded, a later one (data tests, alerts, delivery) failed
  status      text        NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed')),
  error       text                                   -- first failure, secrets masked
);
CREATE INDEX IF NOT EXISTS runs_started ON runs (started_at DESC);

CREATE TABLE IF NOT EXISTS run_steps (
  run_id       bigint      NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  step_no      integer     NOT NULL,
  kind         text        NOT NULL CHECK (kind IN ('load', 'build', 'data_tests', 'kpis', 'forecast', 'report', 'alerts', 'delivery')),
  name         text        NOT NULL,
  status       text        NOT NULL CHECK (status IN ('succeeded', 'failed', 'skipped')),
  started_at   timestamptz NOT NULL,
  duration_ms  double precision NOT NULL,
  rows_read    bigint,
  rows_written bigint,
  detail       text,
  error        text,                                  -- secrets masked
  PRIMARY KEY (run_id, step_no)
);

CREATE TABLE IF NOT EXISTS alerts (
  alert_id      bigserial   PRIMARY KEY,
  pipeline      text        NOT NULL,
  rule          text        NOT NULL,
  condition     text        NOT NULL,
  series        text        NOT NULL DEFAULT '',      -- 'store=S01'; '' for a total
  period        text,                                 -- the period that fired (start date), or the source's last new data
  value         double precision,
  threshold     double precision,
  comparison    text        NOT NULL,
  fired_at      timestamptz NOT NULL,
  fired_run     bigint      REFERENCES runs (run_id),
  notified_at   timestamptz,                          -- the firing was delivered
  cleared_at    timestamptz,
  cleared_run   bigint      REFERENCES runs (run_id),
  cleared_value double precision,
  cleared_period text,
  clear_notified_at timestamptz                       -- the clearing was delivered
);
-- at most one open alert per rule and series of a pipeline
CREATE UNIQUE INDEX IF NOT EXISTS alerts_open ON alerts (pipeline, rule, series) WHERE cleared_at IS NULL;

-- Forecasts spread over workers: one row per run, one per batch of series (its input, then its output).
CREATE TABLE IF NOT EXISTS forecast_runs (
  run_id      uuid        PRIMARY KEY,
  options     json        NOT NULL,
  series      integer     NOT NULL,
  batches     integer     NOT NULL,
  status      text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

CREATE TABLE IF NOT EXISTS forecast_batches (
  run_id      uuid        NOT NULL REFERENCES forecast_runs (run_id) ON DELETE CASCADE,
  batch       integer     NOT NULL,
  series      integer     NOT NULL,
  status      text        NOT NULL CHECK (status IN ('queued', 'running', 'retrying', 'succeeded', 'failed')),
  attempts    integer     NOT NULL DEFAULT 0,
  worker      text,                            -- host:pid of the worker that last took it
  input       json        NOT NULL,            -- the batch's series
  output      json,                            -- its forecasts, leaderboard and selection, once succeeded
  error       text,
  compute_ms  double precision,                -- time the worker spent forecasting it (the rest is the queue's and the database's)
  started_at  timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (run_id, batch)
);

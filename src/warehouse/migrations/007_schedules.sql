-- Pipelines run on a schedule by the workers of a server warehouse (the cron itself is in the queue's schema).
CREATE TABLE IF NOT EXISTS schedules (
  name        text        PRIMARY KEY,
  cron        text        NOT NULL,
  timezone    text        NOT NULL DEFAULT 'UTC',
  pipeline    text        NOT NULL,            -- absolute path of the pipeline file, as the workers read it
  created_at  timestamptz NOT NULL DEFAULT now(),
  last_run_at timestamptz,                     -- when a worker last started a run of it
  missed_tick timestamptz                      -- the last missed tick a worker queued a run for (once, whatever the workers)
);

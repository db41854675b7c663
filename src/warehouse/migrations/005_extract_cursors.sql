-- Where each incremental extraction from a source database stopped: the next one reads from there.
-- The source is recorded as scheme, host, port, database and table: never a user or a password.
CREATE TABLE IF NOT EXISTS extract_cursors (
  source        text        NOT NULL,
  target_table  text        NOT NULL,
  cursor_column text        NOT NULL,
  cursor_value  text,                           -- the cursor's last value read, as the source writes it
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, target_table)
);

import type { Migration } from './migration.ts';

export const m002JobsAndLogo: Migration = {
  version: 2,
  name: 'background jobs and company logo',
  up: (db) =>
    db.exec(`
      CREATE TABLE job (
        id          INTEGER PRIMARY KEY,
        kind        TEXT    NOT NULL,
        status      TEXT    NOT NULL
                    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        input       TEXT    NOT NULL CHECK (json_valid(input)),
        done        REAL    NOT NULL DEFAULT 0,
        total       REAL    NOT NULL DEFAULT 0,
        message     TEXT,
        -- Where a resumable job got to, written by the job itself as it goes.
        checkpoint  TEXT    CHECK (checkpoint IS NULL OR json_valid(checkpoint)),
        result      TEXT    CHECK (result IS NULL OR json_valid(result)),
        error       TEXT    CHECK (error IS NULL OR json_valid(error)),
        created_at  TEXT    NOT NULL,
        started_at  TEXT,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX job_created ON job (created_at DESC, id DESC);
      -- Start-up looks for jobs a killed process left unfinished; with a long job history a scan
      -- of the whole table would slow every start, so only unfinished jobs are indexed.
      CREATE INDEX job_unfinished ON job (status) WHERE status IN ('queued', 'running');

      CREATE TABLE company_logo (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        mime_type  TEXT NOT NULL CHECK (mime_type IN ('image/png', 'image/jpeg', 'image/webp')),
        data       BLOB NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `),
};

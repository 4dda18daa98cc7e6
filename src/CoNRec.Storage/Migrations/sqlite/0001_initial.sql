-- The run store: runs, curriculum stages, steps with metrics, checkpoints, the lease ledger, workers.
-- Times are microseconds since the Unix epoch, UTC. Status columns hold the C# enum names.

CREATE TABLE runs (
    id                   TEXT    NOT NULL PRIMARY KEY,
    name                 TEXT    NOT NULL,
    config_json          TEXT    NOT NULL,
    seed                 INTEGER NOT NULL,
    status               TEXT    NOT NULL CHECK (status IN ('Pending', 'Running', 'Paused', 'Completed', 'Failed', 'Cancelled')),
    correlation_id       TEXT    NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    -- The resume point, moved only together with a checkpoint commit.
    latest_checkpoint_id TEXT,
    stage_index          INTEGER NOT NULL DEFAULT 0,
    step                 INTEGER NOT NULL DEFAULT 0,
    sampler_position     INTEGER NOT NULL DEFAULT 0,
    rng_state            TEXT
) STRICT;

CREATE TABLE stages (
    run_id        TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    stage_index   INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    beta          REAL,
    sample_budget INTEGER NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('Pending', 'Running', 'Completed', 'Skipped', 'Failed')),
    started_at    INTEGER,
    finished_at   INTEGER,
    PRIMARY KEY (run_id, stage_index)
) STRICT;

-- A stage's samples done is the sum over its steps, so a step can never be counted twice.
CREATE TABLE steps (
    run_id         TEXT    NOT NULL,
    step           INTEGER NOT NULL,
    stage_index    INTEGER NOT NULL,
    policy_version INTEGER NOT NULL,
    samples        INTEGER NOT NULL,
    metrics        TEXT    NOT NULL,
    recorded_at    INTEGER NOT NULL,
    PRIMARY KEY (run_id, step),
    FOREIGN KEY (run_id, stage_index) REFERENCES stages (run_id, stage_index) ON DELETE CASCADE
) STRICT;

CREATE INDEX steps_by_stage ON steps (run_id, stage_index);

CREATE TABLE checkpoints (
    id             TEXT    NOT NULL PRIMARY KEY,
    run_id         TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step           INTEGER NOT NULL,
    stage_index    INTEGER NOT NULL,
    policy_version INTEGER NOT NULL,
    uri            TEXT    NOT NULL,
    sha256         TEXT    NOT NULL,
    size_bytes     INTEGER NOT NULL,
    metric_name    TEXT,
    metric_value   REAL,
    is_best        INTEGER NOT NULL DEFAULT 0 CHECK (is_best IN (0, 1)),
    committed_at   INTEGER NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    UNIQUE (run_id, step)
) STRICT;

-- The in-flight ledger: one row per (run, step, group), re-issued in place after expiry.
CREATE TABLE leases (
    run_id       TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step         INTEGER NOT NULL,
    group_index  INTEGER NOT NULL,
    sample_count INTEGER NOT NULL,
    worker_id    TEXT    NOT NULL,
    granted_at   INTEGER NOT NULL,
    deadline     INTEGER NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('Granted', 'Completed', 'Expired')),
    attempt      INTEGER NOT NULL,
    PRIMARY KEY (run_id, step, group_index)
) STRICT;

CREATE INDEX leases_in_flight ON leases (run_id, deadline) WHERE status = 'Granted';

CREATE TABLE workers (
    id           TEXT    NOT NULL PRIMARY KEY,
    node_address TEXT    NOT NULL,
    roles        TEXT    NOT NULL,
    last_seen    INTEGER NOT NULL
) STRICT;

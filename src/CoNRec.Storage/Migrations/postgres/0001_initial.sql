-- The run store: runs, curriculum stages, steps with metrics, checkpoints, the lease ledger, workers.
-- Status columns hold the C# enum names.

CREATE TABLE runs (
    id                   text        NOT NULL PRIMARY KEY,
    name                 text        NOT NULL,
    config_json          text        NOT NULL,
    seed                 bigint      NOT NULL,
    status               text        NOT NULL CHECK (status IN ('Pending', 'Running', 'Paused', 'Completed', 'Failed', 'Cancelled')),
    correlation_id       text        NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    -- The resume point, moved only together with a checkpoint commit.
    latest_checkpoint_id text,
    stage_index          integer     NOT NULL DEFAULT 0,
    step                 bigint      NOT NULL DEFAULT 0,
    sampler_position     bigint      NOT NULL DEFAULT 0,
    rng_state            text
);

CREATE TABLE stages (
    run_id        text             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    stage_index   integer          NOT NULL,
    name          text             NOT NULL,
    kind          text             NOT NULL,
    beta          double precision,
    sample_budget bigint           NOT NULL,
    status        text             NOT NULL CHECK (status IN ('Pending', 'Running', 'Completed', 'Skipped', 'Failed')),
    started_at    timestamptz,
    finished_at   timestamptz,
    PRIMARY KEY (run_id, stage_index)
);

-- A stage's samples done is the sum over its steps, so a step can never be counted twice.
CREATE TABLE steps (
    run_id         text        NOT NULL,
    step           bigint      NOT NULL,
    stage_index    integer     NOT NULL,
    policy_version bigint      NOT NULL,
    samples        bigint      NOT NULL,
    metrics        jsonb       NOT NULL,
    recorded_at    timestamptz NOT NULL,
    PRIMARY KEY (run_id, step),
    FOREIGN KEY (run_id, stage_index) REFERENCES stages (run_id, stage_index) ON DELETE CASCADE
);

CREATE INDEX steps_by_stage ON steps (run_id, stage_index);

CREATE TABLE checkpoints (
    id             text             NOT NULL PRIMARY KEY,
    run_id         text             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step           bigint           NOT NULL,
    stage_index    integer          NOT NULL,
    policy_version bigint           NOT NULL,
    uri            text             NOT NULL,
    sha256         text             NOT NULL,
    size_bytes     bigint           NOT NULL,
    metric_name    text,
    metric_value   double precision,
    is_best        boolean          NOT NULL DEFAULT false,
    committed_at   timestamptz      NOT NULL,
    deleted        boolean          NOT NULL DEFAULT false,
    UNIQUE (run_id, step)
);

-- The in-flight ledger: one row per (run, step, group), re-issued in place after expiry.
CREATE TABLE leases (
    run_id       text        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step         bigint      NOT NULL,
    group_index  integer     NOT NULL,
    sample_count integer     NOT NULL,
    worker_id    text        NOT NULL,
    granted_at   timestamptz NOT NULL,
    deadline     timestamptz NOT NULL,
    status       text        NOT NULL CHECK (status IN ('Granted', 'Completed', 'Expired')),
    attempt      integer     NOT NULL,
    PRIMARY KEY (run_id, step, group_index)
);

CREATE INDEX leases_in_flight ON leases (run_id, deadline) WHERE status = 'Granted';

CREATE TABLE workers (
    id           text        NOT NULL PRIMARY KEY,
    node_address text        NOT NULL,
    roles        jsonb       NOT NULL,
    last_seen    timestamptz NOT NULL
);

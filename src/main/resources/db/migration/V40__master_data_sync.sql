-- Master-data sync (issue 7.2). The run itself is a row of sync_runs (kind 'master-data').

-- Which entities a run synchronises.
CREATE TABLE md_runs (
    run_id    VARCHAR(36)   PRIMARY KEY REFERENCES sync_runs (id),
    entities  VARCHAR(500)  NOT NULL
);

-- How far each side has been read, per entity: Odoo's write_date ('YYYY-MM-DD HH:MM:SS', UTC) or the hub's cursor.
-- Moved only when a run's reads are applied, so a run that dies reads the same changes again.
CREATE TABLE md_watermarks (
    side        VARCHAR(16)   NOT NULL,
    entity      VARCHAR(32)   NOT NULL,
    watermark   VARCHAR(64)   NOT NULL,
    run_id      VARCHAR(36)   NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT md_watermarks_pk PRIMARY KEY (side, entity)
);

-- The agreed value of every synchronised field (what the owner last said, or what a steward decided): a change is
-- a value that differs from it, an echo of our own write is not.
CREATE TABLE md_values (
    entity      VARCHAR(32)   NOT NULL,
    record_key  VARCHAR(128)  NOT NULL,
    field       VARCHAR(64)   NOT NULL,
    agreed_value VARCHAR(2000),
    source      VARCHAR(32)   NOT NULL,
    changed_at  VARCHAR(40),
    CONSTRAINT md_values_pk PRIMARY KEY (entity, record_key, field)
);

-- The write_date of each record as we last read or wrote it: a record read again at the same write_date is not new.
CREATE TABLE md_records (
    entity           VARCHAR(32)   NOT NULL,
    record_key       VARCHAR(128)  NOT NULL,
    odoo_write_date  VARCHAR(40),
    CONSTRAINT md_records_pk PRIMARY KEY (entity, record_key)
);

-- Every record a run read, from Odoo or from the hub, with its synchronised fields (JSON object of strings).
CREATE TABLE md_reads (
    run_id      VARCHAR(36)   NOT NULL REFERENCES sync_runs (id),
    seq         INTEGER       NOT NULL,
    side        VARCHAR(16)   NOT NULL,
    source      VARCHAR(32)   NOT NULL,
    entity      VARCHAR(32)   NOT NULL,
    record_key  VARCHAR(128),
    changed_at  VARCHAR(40),
    feed_position VARCHAR(64),
    fields      VARCHAR(20000) NOT NULL,
    outcome     VARCHAR(16),
    reason      VARCHAR(500),
    CONSTRAINT md_reads_pk PRIMARY KEY (run_id, seq)
);

-- What a run decided per field: propagate the owner's value to the other side, or hold it as a conflict.
CREATE TABLE md_changes (
    run_id      VARCHAR(36)   NOT NULL REFERENCES sync_runs (id),
    seq         INTEGER       NOT NULL,
    entity      VARCHAR(32)   NOT NULL,
    record_key  VARCHAR(128)  NOT NULL,
    field       VARCHAR(64)   NOT NULL,
    source      VARCHAR(32)   NOT NULL,
    new_value   VARCHAR(2000),
    previous    VARCHAR(2000),
    changed_at  VARCHAR(40),
    action      VARCHAR(16)   NOT NULL,
    target      VARCHAR(16),
    applied     BOOLEAN       NOT NULL,
    reason      VARCHAR(500),
    CONSTRAINT md_changes_pk PRIMARY KEY (run_id, seq)
);

-- A field written by a system that does not own it: both values, both times, both sources, until a steward decides.
CREATE TABLE md_conflicts (
    id                VARCHAR(36)   PRIMARY KEY,
    run_id            VARCHAR(36)   NOT NULL REFERENCES sync_runs (id),
    entity            VARCHAR(32)   NOT NULL,
    record_key        VARCHAR(128)  NOT NULL,
    field             VARCHAR(64)   NOT NULL,
    owner             VARCHAR(32)   NOT NULL,
    owner_value       VARCHAR(2000),
    owner_changed_at  VARCHAR(40),
    other_source      VARCHAR(32)   NOT NULL,
    other_value       VARCHAR(2000),
    other_changed_at  VARCHAR(40),
    status            VARCHAR(16)   NOT NULL,
    decision          VARCHAR(16),
    decision_comment  VARCHAR(2000),
    decided_by        VARCHAR(128),
    decided_at        TIMESTAMP WITH TIME ZONE,
    applied_value     VARCHAR(2000),
    applied_at        TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX md_changes_pending_idx ON md_changes (run_id, applied, entity, record_key);
CREATE INDEX md_conflicts_open_idx ON md_conflicts (entity, record_key, field, status);
CREATE INDEX md_conflicts_run_idx ON md_conflicts (run_id);

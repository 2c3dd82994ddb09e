-- One row per synchronisation run (price lists, master data, inventory); the process instance holds only its id.
CREATE TABLE sync_runs (
    id                  VARCHAR(36)   PRIMARY KEY,
    kind                VARCHAR(32)   NOT NULL,
    status              VARCHAR(32)   NOT NULL,
    triggered_by        VARCHAR(32)   NOT NULL,
    source              VARCHAR(500),
    chunk_size          INTEGER       NOT NULL,
    process_instance_id VARCHAR(64),
    started_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at         TIMESTAMP WITH TIME ZONE,
    reviewed_by         VARCHAR(128),
    review_outcome      VARCHAR(32),
    review_comment      VARCHAR(2000)
);

CREATE INDEX sync_runs_kind_idx ON sync_runs (kind, started_at);

-- The price rows a run read and what it decided for each: the checkpoint is the written flag of each chunk.
-- Rows with no row_no are expiries of items the feed no longer carries.
CREATE TABLE sync_price_rows (
    run_id        VARCHAR(36)    NOT NULL REFERENCES sync_runs (id),
    seq           INTEGER        NOT NULL,
    row_no        INTEGER,
    pricelist     VARCHAR(200),
    currency      VARCHAR(3),
    customer_ref  VARCHAR(64),
    sku           VARCHAR(128),
    min_quantity  DECIMAL(18, 4),
    price         DECIMAL(18, 4),
    date_start    DATE,
    date_end      DATE,
    action        VARCHAR(16),
    chunk_no      INTEGER,
    written       BOOLEAN        NOT NULL,
    reason        VARCHAR(500),
    CONSTRAINT sync_price_rows_pk PRIMARY KEY (run_id, seq)
);

CREATE INDEX sync_price_rows_chunk_idx ON sync_price_rows (run_id, chunk_no, written);

-- Master data: the last value we saw per record and field in Odoo (to tell who changed what), and the watermark.
CREATE TABLE sync_md_snapshot (
    entity      VARCHAR(32)   NOT NULL,
    record_ref  VARCHAR(128)  NOT NULL,
    field       VARCHAR(64)   NOT NULL,
    field_value VARCHAR(1000),
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sync_md_snapshot_pk PRIMARY KEY (entity, record_ref, field)
);

CREATE TABLE sync_watermarks (
    name       VARCHAR(64)   PRIMARY KEY,
    watermark  VARCHAR(32)   NOT NULL
);

-- A field changed by a system that does not own it: both values, for the master-data stewards.
CREATE TABLE sync_md_conflicts (
    id            VARCHAR(36)   PRIMARY KEY,
    run_id        VARCHAR(36)   NOT NULL REFERENCES sync_runs (id),
    entity        VARCHAR(32)   NOT NULL,
    record_ref    VARCHAR(128)  NOT NULL,
    field         VARCHAR(64)   NOT NULL,
    owner         VARCHAR(32)   NOT NULL,
    owner_value   VARCHAR(1000),
    written_by    VARCHAR(32)   NOT NULL,
    written_value VARCHAR(1000),
    resolution    VARCHAR(32),
    resolved_by   VARCHAR(128),
    resolved_at   TIMESTAMP WITH TIME ZONE
);

-- What the WMS says can be promised, per product and warehouse: the read model the availability gate may use.
CREATE TABLE inventory_availability (
    sku         VARCHAR(128)   NOT NULL,
    warehouse   VARCHAR(64)    NOT NULL,
    free_qty    DECIMAL(18, 4) NOT NULL,
    synced_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    run_id      VARCHAR(36),
    CONSTRAINT inventory_availability_pk PRIMARY KEY (sku, warehouse)
);

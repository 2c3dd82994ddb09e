-- One row per synchronisation run; the process instance holds only its id.
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

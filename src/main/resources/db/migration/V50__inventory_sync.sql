-- The WMS's stock as its events told us: one row per product and warehouse, the newest event wins. The availability
-- gate reads it when ordergate.authority.availability is wms.
CREATE TABLE stock_levels (
    sku           VARCHAR(128)   NOT NULL,
    warehouse     VARCHAR(64)    NOT NULL,
    on_hand       DECIMAL(18, 4) NOT NULL,
    reserved      DECIMAL(18, 4) NOT NULL,
    -- The event (or reconciliation run) that set these figures, and when the WMS says they were true.
    source        VARCHAR(128)   NOT NULL,
    as_of         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT stock_levels_pk PRIMARY KEY (sku, warehouse)
);

-- Every stock event received, by its id: a repeated id changes nothing, an older event than the level it would
-- replace is kept as STALE and changes nothing either.
CREATE TABLE stock_events (
    event_id      VARCHAR(128)   PRIMARY KEY,
    sku           VARCHAR(128)   NOT NULL,
    warehouse     VARCHAR(64)    NOT NULL,
    on_hand       DECIMAL(18, 4) NOT NULL,
    reserved      DECIMAL(18, 4) NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome       VARCHAR(16)    NOT NULL
);

-- The drift that exists now: a row per product and warehouse whose WMS and Odoo quantities differ. first_seen_at
-- survives the runs while the drift lasts; the row goes when a run finds the two agree.
CREATE TABLE stock_drift (
    sku            VARCHAR(128)   NOT NULL,
    warehouse      VARCHAR(64)    NOT NULL,
    wms_qty        DECIMAL(18, 4) NOT NULL,
    odoo_qty       DECIMAL(18, 4) NOT NULL,
    read_model_qty DECIMAL(18, 4),
    difference     DECIMAL(18, 4) NOT NULL,
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run_id    VARCHAR(36)    NOT NULL,
    CONSTRAINT stock_drift_pk PRIMARY KEY (sku, warehouse)
);

-- What each reconciliation run found, for its report: drift that is NEW, that PERSISTS, and drift RESOLVED by then.
CREATE TABLE stock_drift_findings (
    run_id         VARCHAR(36)    NOT NULL REFERENCES sync_runs (id),
    sku            VARCHAR(128)   NOT NULL,
    warehouse      VARCHAR(64)    NOT NULL,
    finding        VARCHAR(16)    NOT NULL,
    wms_qty        DECIMAL(18, 4) NOT NULL,
    odoo_qty       DECIMAL(18, 4) NOT NULL,
    read_model_qty DECIMAL(18, 4),
    difference     DECIMAL(18, 4) NOT NULL,
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT stock_drift_findings_pk PRIMARY KEY (run_id, sku, warehouse)
);

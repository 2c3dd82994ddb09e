-- Partial fulfilment: an order may go to the warehouse in several releases (what Odoo has reserved now, then its
-- backorder, then reshipments), the warehouse may report a problem instead of a shipment, and quantities the customer
-- will not get (a cancelled line, an expired or cancelled backorder) are recorded as cancelled.

-- Each release sent to the WMS; its id (business key, then business key~2, ~3 ...) makes a retried release a no-op.
CREATE TABLE warehouse_releases (
    release_id    VARCHAR(260) PRIMARY KEY,
    business_key  VARCHAR(200) NOT NULL,
    seq           INTEGER      NOT NULL,
    lines         TEXT         NOT NULL,
    released_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT warehouse_releases_seq_uk UNIQUE (business_key, seq)
);

-- A row in the shipment inbox is a confirmation (problem NULL) or a problem report (damaged, lost, refused): goods of
-- a release that will not reach the customer. Customer service resolves a problem: reship, refund or cancel-line.
ALTER TABLE shipments ADD COLUMN problem VARCHAR(32);
ALTER TABLE shipments ADD COLUMN resolution VARCHAR(32);
ALTER TABLE shipments ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;

-- Quantities the customer will not get, by the event that took them off the order (a problem id, a closed backorder).
CREATE TABLE cancelled_quantities (
    business_key  VARCHAR(200) NOT NULL,
    source        VARCHAR(160) NOT NULL,
    sku           VARCHAR(64)  NOT NULL,
    quantity      DECIMAL(18, 4) NOT NULL,
    reason        VARCHAR(64)  NOT NULL,
    cancelled_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cancelled_quantities_pk PRIMARY KEY (business_key, source, sku)
);

-- Every invoice of an order (one per shipment, or one at the end); orders.invoice_ref keeps the latest.
CREATE TABLE order_invoices (
    order_id      VARCHAR(36)  NOT NULL REFERENCES orders (id),
    invoice_ref   VARCHAR(64)  NOT NULL,
    amount        DECIMAL(18, 2),
    invoiced_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT order_invoices_pk PRIMARY KEY (order_id, invoice_ref)
);

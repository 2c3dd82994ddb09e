-- Returns of shipped goods (issue 5): the request as the channel sent it, where it stands, and the reviewer's and the
-- inspector's decisions. The return's process holds only the return's id. A channel's return reference is unique per
-- order, which makes a resent request recognisable.
CREATE TABLE order_returns (
    id                  VARCHAR(36)   PRIMARY KEY,
    order_id            VARCHAR(36)   NOT NULL REFERENCES orders (id),
    return_ref          VARCHAR(64)   NOT NULL,
    -- The return process's business key and Odoo's reference for it: the order's business key and the return ref.
    business_key        VARCHAR(300)  NOT NULL,
    request_hash        VARCHAR(64)   NOT NULL,
    reason              VARCHAR(500)  NOT NULL,
    status              VARCHAR(32)   NOT NULL,
    status_reason       VARCHAR(2000),
    eligibility         VARCHAR(32),
    odoo_receipts       VARCHAR(500),
    receipt_id          VARCHAR(128),
    goods_condition     VARCHAR(32),
    disposition         VARCHAR(16),
    inspection_note     VARCHAR(2000),
    inspected_by        VARCHAR(128),
    inspected_at        TIMESTAMP WITH TIME ZONE,
    credit_note_ref     VARCHAR(64),
    credit_amount       DECIMAL(18, 2),
    process_instance_id VARCHAR(64),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT order_returns_ref_uk UNIQUE (order_id, return_ref),
    CONSTRAINT order_returns_key_uk UNIQUE (business_key)
);

CREATE TABLE order_return_lines (
    return_id VARCHAR(36)    NOT NULL REFERENCES order_returns (id),
    line_no   INTEGER        NOT NULL,
    sku       VARCHAR(64)    NOT NULL,
    quantity  DECIMAL(18, 4) NOT NULL,
    CONSTRAINT order_return_lines_pk PRIMARY KEY (return_id, line_no)
);

-- The warehouse's receipt of returned goods; the receipt id makes a duplicate change nothing, and a receipt that
-- arrives before the return's process waits for it stays pending until it is handed over.
CREATE TABLE return_receipts (
    receipt_id    VARCHAR(128) PRIMARY KEY,
    return_id     VARCHAR(36)  NOT NULL REFERENCES order_returns (id),
    lines         TEXT         NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    correlated_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX return_receipts_pending_idx ON return_receipts (correlated_at, received_at);

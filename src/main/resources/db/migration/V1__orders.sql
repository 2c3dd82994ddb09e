-- Our own store: the order document lives here, keyed by the business key; the process holds ids only.
CREATE TABLE orders (
    id                  VARCHAR(36)   PRIMARY KEY,
    business_key        VARCHAR(200)  NOT NULL,
    channel             VARCHAR(64)   NOT NULL,
    channel_order_ref   VARCHAR(128)  NOT NULL,
    customer_ref        VARCHAR(64)   NOT NULL,
    request_hash        VARCHAR(64)   NOT NULL,
    document            TEXT          NOT NULL,
    status              VARCHAR(32)   NOT NULL,
    status_reason       VARCHAR(2000),
    sales_order_ref     VARCHAR(64),
    invoice_ref         VARCHAR(64),
    process_instance_id VARCHAR(64),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT orders_business_key_uk UNIQUE (business_key)
);

CREATE INDEX orders_status_idx ON orders (status, created_at);

CREATE TABLE order_milestones (
    order_id   VARCHAR(36)  NOT NULL REFERENCES orders (id),
    milestone  VARCHAR(32)  NOT NULL,
    detail     VARCHAR(2000),
    reached_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- A milestone is reached once: a retried job that records it again changes nothing.
    CONSTRAINT order_milestones_pk PRIMARY KEY (order_id, milestone)
);

-- Every reviewer decision: who, when, what, why, and the facts the reviewer was shown.
CREATE TABLE order_reviews (
    id          VARCHAR(36)   PRIMARY KEY,
    order_id    VARCHAR(36)   NOT NULL REFERENCES orders (id),
    task_id     VARCHAR(64)   NOT NULL,
    gate        VARCHAR(32)   NOT NULL,
    reasons     VARCHAR(4000) NOT NULL,
    decision    VARCHAR(32)   NOT NULL,
    -- Whether the decision lets the order through this gate from now on.
    accepts     BOOLEAN       NOT NULL,
    comment     VARCHAR(2000),
    decided_by  VARCHAR(128),
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT order_reviews_task_uk UNIQUE (task_id)
);

-- Shipment confirmations from the warehouse; the shipment id makes a duplicate change nothing.
CREATE TABLE shipments (
    shipment_id   VARCHAR(128) PRIMARY KEY,
    business_key  VARCHAR(200) NOT NULL,
    lines         TEXT         NOT NULL,
    complete      BOOLEAN      NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    correlated_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX shipments_pending_idx ON shipments (correlated_at, received_at);

-- Mail waits here, written in the same transaction as what caused it, until the sender has handed it to SMTP.
CREATE TABLE mail_outbox (
    id          VARCHAR(36)   PRIMARY KEY,
    recipients  VARCHAR(1000) NOT NULL,
    subject     VARCHAR(300)  NOT NULL,
    body        TEXT          NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts    INTEGER       NOT NULL,
    last_error  VARCHAR(1000),
    sent_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX mail_outbox_pending_idx ON mail_outbox (sent_at, created_at);

-- Which orders a gate stopped and for what kind of reason, once per order: the source of the business KPIs
-- (price mismatches per 100 orders ...), identical on every node of a cluster.
CREATE TABLE gate_exceptions (
    order_id      VARCHAR(36) NOT NULL REFERENCES orders (id),
    gate          VARCHAR(32) NOT NULL,
    reason_kind   VARCHAR(32) NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT gate_exceptions_pk PRIMARY KEY (order_id, gate, reason_kind)
);

CREATE INDEX gate_exceptions_seen_idx ON gate_exceptions (first_seen_at);

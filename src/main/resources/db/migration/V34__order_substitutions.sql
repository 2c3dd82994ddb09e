-- Every substitute Ordergate proposed for a short order line and what became of it: the original SKU is kept here
-- (and on the order line as substitutedFor) for reporting, and a refused substitute is not proposed again.
CREATE TABLE order_substitutions (
    order_id       VARCHAR(36)    NOT NULL REFERENCES orders (id),
    line_ref       VARCHAR(32)    NOT NULL,
    original_sku   VARCHAR(64)    NOT NULL,
    substitute_sku VARCHAR(64)    NOT NULL,
    quantity       DECIMAL(13, 4) NOT NULL,
    -- automatic | approval: what substitution-policy.dmn said.
    policy         VARCHAR(16)    NOT NULL,
    -- proposed | applied | refused
    state          VARCHAR(16)    NOT NULL,
    proposed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    settled_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT order_substitutions_pk PRIMARY KEY (order_id, line_ref, substitute_sku)
);

CREATE INDEX order_substitutions_settled_idx ON order_substitutions (state, settled_at);

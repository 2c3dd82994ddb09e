-- An order whose process has not started yet (issue 15: the channel is answered once the order is stored; its
-- process starts right after, in a transaction of its own). Written with the order, deleted in the transaction that
-- starts its process: a row here is a start still owed, whether the node is about to make it or crashed first.
-- attempts and last_error tell an operator about a start that keeps failing (ordergate.outbox.messages); such a
-- start is tried again from next_attempt_at on (backing off), so it holds up neither the sweep nor the others.
CREATE TABLE order_starts (
    order_id     VARCHAR(36)  PRIMARY KEY REFERENCES orders (id),
    business_key VARCHAR(200) NOT NULL,
    region       VARCHAR(40)  NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts     INT          DEFAULT 0 NOT NULL,
    last_error   VARCHAR(1000),
    next_attempt_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX order_starts_requested_idx ON order_starts (requested_at);

-- Status events for the channels, written in the same transaction as the order's state change (a transactional
-- outbox), delivered to the channel's webhook by the sender, retried with back-off and parked after the budget.
CREATE TABLE status_events (
    id              VARCHAR(36)   PRIMARY KEY,
    order_id        VARCHAR(36)   NOT NULL,
    channel         VARCHAR(64)   NOT NULL,
    business_key    VARCHAR(200)  NOT NULL,
    status          VARCHAR(32)   NOT NULL,
    -- The event's place among its order's events: a channel gets them in this order.
    seq             INTEGER       NOT NULL,
    payload         TEXT          NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(1000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX status_events_due_idx ON status_events (state, next_attempt_at);
CREATE UNIQUE INDEX status_events_order_seq_uk ON status_events (order_id, seq);

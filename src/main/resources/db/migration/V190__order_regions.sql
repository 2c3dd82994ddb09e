-- The regional business unit each order belongs to (issue 19), decided at intake by bpmn/order-region.dmn and kept
-- with the order; orders received before regions existed belong to the default region, us.
ALTER TABLE orders ADD COLUMN region VARCHAR(32) DEFAULT 'us' NOT NULL;
CREATE INDEX orders_region_idx ON orders (region, status);

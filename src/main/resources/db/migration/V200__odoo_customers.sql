-- The Odoo contact behind a customer reference as last read (issue 15), per Odoo company (0: the API user's own):
-- the master-data gate takes it instead of searching Odoo while it is younger than the master-data freshness
-- (ordergate.sync.timing.master-data), and reads afresh (and keeps that) when it is older, when the gate runs again
-- for an order after a steward's review, and when the reference found no contact or more than one. JSON, read and
-- written only by the odoo package: Odoo ids stay there.
CREATE TABLE odoo_customers (
    company_key  INTEGER       NOT NULL,
    customer_ref VARCHAR(200)  NOT NULL,
    partner      VARCHAR(20000) NOT NULL,
    read_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (company_key, customer_ref)
);

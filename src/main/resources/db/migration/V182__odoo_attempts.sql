-- Odoo writes that were begun for an order (issue 15): the commit's create, an invoice's wizard. Recorded in their own
-- short transaction before the write goes out, so a retry knows whether an earlier attempt may have reached Odoo and
-- only then searches for what it may have created; a first attempt skips the search (Odoo does not keep
-- client_order_ref unique, so the search is the only guard against a second order, but it is only needed after an
-- attempt). Orders resolved before this table existed may be in the middle of a commit or an invoice: they count as
-- attempted, so they search as before.
CREATE TABLE odoo_attempts (
    business_key VARCHAR(200) NOT NULL,
    step         VARCHAR(100) NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (business_key, step)
);

INSERT INTO odoo_attempts (business_key, step, attempted_at)
SELECT business_key, 'commit', resolved_at FROM odoo_resolved_orders;

INSERT INTO odoo_attempts (business_key, step, attempted_at)
SELECT business_key, 'invoice-1', resolved_at FROM odoo_resolved_orders;

-- The order as the master-data gate resolved it against Odoo (issue 15), beside the order and keyed by its business
-- key: the Odoo contact (id, pricelist, terms) and per SKU the Odoo product (id, unit, category, type). Later steps
-- read it instead of looking the customer and the products up again; a substitute's SKU is added when it first
-- appears; the commit adds the Odoo sales order's id, so later steps read its pickings and lines by it. JSON, read and
-- written only by the odoo package: Odoo ids stay there.
CREATE TABLE odoo_resolved_orders (
    business_key  VARCHAR(200)     PRIMARY KEY,
    partners      VARCHAR(20000),
    products      VARCHAR(1000000) NOT NULL,
    sale_order_id INTEGER,
    resolved_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Master data per region (ordergate.regions.<id>): each region's runs read and write its own Odoo company, so each
-- keeps its own watermarks, agreed values and seen write_dates; '' is the API user's own company (runs without a
-- region, as every run before regions). A conflict names the region whose rule raised it.
ALTER TABLE md_watermarks ADD COLUMN region VARCHAR(40) DEFAULT '' NOT NULL;
ALTER TABLE md_watermarks DROP CONSTRAINT md_watermarks_pk;
ALTER TABLE md_watermarks ADD CONSTRAINT md_watermarks_pk PRIMARY KEY (region, side, entity);

ALTER TABLE md_values ADD COLUMN region VARCHAR(40) DEFAULT '' NOT NULL;
ALTER TABLE md_values DROP CONSTRAINT md_values_pk;
ALTER TABLE md_values ADD CONSTRAINT md_values_pk PRIMARY KEY (region, entity, record_key, field);

ALTER TABLE md_records ADD COLUMN region VARCHAR(40) DEFAULT '' NOT NULL;
ALTER TABLE md_records DROP CONSTRAINT md_records_pk;
ALTER TABLE md_records ADD CONSTRAINT md_records_pk PRIMARY KEY (region, entity, record_key);

ALTER TABLE md_conflicts ADD COLUMN region VARCHAR(40) DEFAULT '' NOT NULL;

-- The region of the inventory run that last saw a drift (its warehouses are the region's); NULL: a run without one.
ALTER TABLE stock_drift ADD COLUMN region VARCHAR(40);

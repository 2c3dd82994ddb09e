-- The region (ordergate.regions.<id>) a synchronisation run worked for, in its Odoo company; empty for the API user's
-- own company, as every run before regions.
ALTER TABLE sync_runs ADD COLUMN region VARCHAR(40);

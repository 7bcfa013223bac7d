-- Retention and claiming. The retention purge (docs/operations.md) finds finished deliveries by when they finished, and old events by age;
-- without these it would scan the whole tables on every run.
CREATE INDEX ix_webhook_deliveries_finished ON webhook_deliveries (finished_at);
CREATE INDEX ix_webhook_events_created ON webhook_events (created_at);

-- A claim reads back the rows it just leased by their token; without an index that is a scan of every delivery.
CREATE INDEX ix_webhook_deliveries_lease ON webhook_deliveries (lease_token);

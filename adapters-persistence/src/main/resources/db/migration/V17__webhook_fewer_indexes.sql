-- Two indexes of webhook_deliveries cost more than they saved: every delivery changed each of them (the lease index
-- twice) on its way through the queue, and the delivery worker is write-heavy.
-- A claim reads back the rows it leased by their ids (the primary key) and its token, so the token needs no index.
DROP INDEX ix_webhook_deliveries_lease ON webhook_deliveries;
-- A finished delivery's next_attempt_at is the moment it finished (recording writes both), so the retention purge
-- walks ix_webhook_deliveries_due (status, next_attempt_at) one finished status at a time.
DROP INDEX ix_webhook_deliveries_finished ON webhook_deliveries;

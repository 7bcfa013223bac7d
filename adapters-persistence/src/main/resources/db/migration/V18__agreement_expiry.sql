-- An agreement's optional expiry, set by the customer's bank with its decision (docs/banks.md): from that instant the
-- agreement bills nothing, and the expiry sweep records it as EXPIRED. NULL: the agreement does not expire.
ALTER TABLE agreements ADD COLUMN expires_at DATETIME(6) NULL;

-- The sweep's walk: live agreements (ACTIVE, PAUSED) whose expiry has come, earliest first.
CREATE INDEX ix_agreements_expiry ON agreements (status, expires_at);

-- Used Idempotency-Key values, one row per (mode, participant, key). A row is inserted (claimed) before the work it
-- guards and completed with the response in the same transaction, so a committed row always has its response, and
-- a concurrent duplicate waits on the primary key, then replays. Rows are purged after expires_at (24 h).
CREATE TABLE idempotency_keys (
    mode                  VARCHAR(16)  NOT NULL,
    participant_id        VARCHAR(40)  NOT NULL,
    idempotency_key       VARCHAR(255) NOT NULL,
    request_fingerprint   VARCHAR(128) NOT NULL,
    response_status       INT          NULL,
    response_content_type VARCHAR(100) NULL,
    response_body         MEDIUMTEXT   NULL,
    created_at            DATETIME(6)  NOT NULL,
    expires_at            DATETIME(6)  NOT NULL,
    PRIMARY KEY (mode, participant_id, idempotency_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_idempotency_keys_expiry ON idempotency_keys (expires_at);

-- The transactional outbox. An event row is inserted in the transaction of the change it announces, and so is one
-- delivery per endpoint subscribed at that moment (fan-out at append time). item is the exact JSON object sent in
-- the envelope's data array, fixed at append time so retries and replays send the same bytes.
CREATE TABLE webhook_events (
    id             VARCHAR(40)  NOT NULL,
    mode           VARCHAR(16)  NOT NULL,
    participant_id VARCHAR(40)  NOT NULL,
    event_type     VARCHAR(64)  NOT NULL,
    object_id      VARCHAR(64)  NOT NULL,
    sequence_no    BIGINT       NOT NULL,
    item           MEDIUMTEXT   NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_webhook_events_owner ON webhook_events (mode, participant_id, created_at, id);

-- The per-object sequence counters: incremented with INSERT … ON DUPLICATE KEY UPDATE in the event's transaction,
-- which locks the row until commit, so concurrent events about one object get distinct, commit-ordered numbers.
CREATE TABLE webhook_sequences (
    mode          VARCHAR(16) NOT NULL,
    object_id     VARCHAR(64) NOT NULL,
    last_sequence BIGINT      NOT NULL,
    PRIMARY KEY (mode, object_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Deliveries: one batch of events of one type for one endpoint; id is the batchId, stable across retries. Workers
-- claim due rows with SELECT … FOR UPDATE SKIP LOCKED and hold them by a lease (lease_token, leased_until), so the
-- HTTP call happens outside any transaction and only the lease holder can record the attempt.
CREATE TABLE webhook_deliveries (
    id             VARCHAR(40)  NOT NULL,
    mode           VARCHAR(16)  NOT NULL,
    participant_id VARCHAR(40)  NOT NULL,
    endpoint_id    VARCHAR(40)  NOT NULL,
    event_type     VARCHAR(64)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    attempts       INT          NOT NULL,
    item_count     INT          NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    next_attempt_at DATETIME(6) NOT NULL,
    finished_at    DATETIME(6)  NULL,
    lease_token    VARCHAR(40)  NULL,
    leased_until   DATETIME(6)  NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (mode, participant_id, endpoint_id, created_at, id);
CREATE INDEX ix_webhook_deliveries_open ON webhook_deliveries (endpoint_id, event_type, status, attempts);

-- Which events a delivery carries, in order.
CREATE TABLE webhook_delivery_items (
    delivery_id VARCHAR(40) NOT NULL,
    item_no     INT         NOT NULL,
    event_id    VARCHAR(40) NOT NULL,
    PRIMARY KEY (delivery_id, item_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_webhook_delivery_items_event ON webhook_delivery_items (event_id);

-- Every HTTP attempt of a delivery: the receiver's status code (none when it did not answer), latency and error.
CREATE TABLE webhook_attempts (
    delivery_id  VARCHAR(40)  NOT NULL,
    attempt_no   INT          NOT NULL,
    started_at   DATETIME(6)  NOT NULL,
    status_code  INT          NULL,
    latency_ms   BIGINT       NOT NULL,
    error        VARCHAR(500) NULL,
    outcome      VARCHAR(32)  NOT NULL,
    PRIMARY KEY (delivery_id, attempt_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

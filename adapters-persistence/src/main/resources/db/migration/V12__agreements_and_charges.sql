-- Billing intents and the agreements they become (one row each), the charges billed on them, and the sandbox banks
-- Peere answers for. Every row carries its mode and its participants (the shard keys later); nothing references
-- another participant's rows by foreign key. Money is integer minor units in the row's one currency.
CREATE TABLE agreements (
    id                     VARCHAR(40)  NOT NULL,
    mode                   VARCHAR(16)  NOT NULL,
    merchant_id            VARCHAR(40)  NOT NULL,
    bank_id                VARCHAR(40)  NOT NULL,
    customer_id            VARCHAR(40)  NOT NULL,
    -- The sealed phrase the merchant looked the customer up with (opaque, URL-safe).
    lookup_phrase          VARCHAR(512) NOT NULL,
    agreement_phrase       VARCHAR(64)  NOT NULL,
    intent_reference       VARCHAR(64)  NOT NULL,
    intent_type            VARCHAR(16)  NOT NULL,
    description            VARCHAR(500) NOT NULL,
    currency               CHAR(3)      NOT NULL,
    -- A one-time intent's amount, when the merchant named one.
    amount_minor           BIGINT       NULL,
    -- What the merchant asked for and what the bank granted: NULL where there is no such limit.
    requested_single_minor  BIGINT      NULL,
    requested_daily_minor   BIGINT      NULL,
    requested_weekly_minor  BIGINT      NULL,
    requested_monthly_minor BIGINT      NULL,
    limit_single_minor     BIGINT       NULL,
    limit_daily_minor      BIGINT       NULL,
    limit_weekly_minor     BIGINT       NULL,
    limit_monthly_minor    BIGINT       NULL,
    -- The merchant's JSON object, as the edge wrote it.
    metadata               TEXT         NULL,
    decision               VARCHAR(24)  NULL,
    block_merchant         BOOLEAN      NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    due_date               DATETIME(6)  NOT NULL,
    created_at             DATETIME(6)  NOT NULL,
    decided_at             DATETIME(6)  NULL,
    last_used_at           DATETIME(6)  NULL,
    updated_at             DATETIME(6)  NOT NULL,
    version                BIGINT       NOT NULL,
    PRIMARY KEY (id),
    -- A merchant bills with the phrase; a bank answers the intent by its reference.
    CONSTRAINT uq_agreements_phrase UNIQUE (mode, agreement_phrase),
    CONSTRAINT uq_agreements_intent_reference UNIQUE (mode, bank_id, intent_reference)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The merchants' list, newest first.
CREATE INDEX ix_agreements_merchant_time ON agreements (mode, merchant_id, created_at, id);
-- One customer's agreements at the bank, newest first.
CREATE INDEX ix_agreements_customer_time ON agreements (mode, bank_id, customer_id, created_at, id);
-- Whether the customer blocked the merchant.
CREATE INDEX ix_agreements_block ON agreements (mode, bank_id, customer_id, merchant_id);
-- The deadline sweep: unanswered intents by due date, across modes.
CREATE INDEX ix_agreements_due ON agreements (status, due_date);
-- The sandbox bank's queue: one bank's unanswered intents, oldest first.
CREATE INDEX ix_agreements_awaiting_bank ON agreements (mode, bank_id, status, created_at);

CREATE TABLE charges (
    id                   VARCHAR(40)  NOT NULL,
    mode                 VARCHAR(16)  NOT NULL,
    agreement_id         VARCHAR(40)  NOT NULL,
    merchant_id          VARCHAR(40)  NOT NULL,
    bank_id              VARCHAR(40)  NOT NULL,
    customer_id          VARCHAR(40)  NOT NULL,
    currency             CHAR(3)      NOT NULL,
    amount_minor         BIGINT       NOT NULL,
    description          VARCHAR(200) NOT NULL,
    metadata             TEXT         NULL,
    -- The limit windows the charge reserved (each of its own amount): both NULL where it reserved none of a kind,
    -- so a decline or expiry gives back exactly what was taken.
    daily_window_start   DATETIME(6)  NULL,
    daily_cap_minor      BIGINT       NULL,
    weekly_window_start  DATETIME(6)  NULL,
    weekly_cap_minor     BIGINT       NULL,
    monthly_window_start DATETIME(6)  NULL,
    monthly_cap_minor    BIGINT       NULL,
    status               VARCHAR(16)  NOT NULL,
    bank_action          VARCHAR(24)  NULL,
    decline_reason       VARCHAR(200) NULL,
    bank_transaction_id  VARCHAR(200) NULL,
    due_at               DATETIME(6)  NOT NULL,
    created_at           DATETIME(6)  NOT NULL,
    processed_at         DATETIME(6)  NULL,
    version              BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- How many of an agreement's charges still hold their reservation.
CREATE INDEX ix_charges_agreement ON charges (mode, agreement_id, status);
-- Transaction history, newest first: a merchant's, and a bank's.
CREATE INDEX ix_charges_merchant_time ON charges (mode, merchant_id, created_at, id);
CREATE INDEX ix_charges_bank_time ON charges (mode, bank_id, created_at, id);
-- The deadline sweep: pending charges by due time, across modes.
CREATE INDEX ix_charges_due ON charges (status, due_at);
-- The sandbox bank's queue: one bank's pending charges, oldest first.
CREATE INDEX ix_charges_awaiting_bank ON charges (mode, bank_id, status, created_at);

-- Sandbox banks Peere answers for itself. Bank ids are unique across modes, and only sandbox banks are simulated.
CREATE TABLE simulated_banks (
    bank_id  VARCHAR(40) NOT NULL,
    delay_ms BIGINT      NOT NULL,
    PRIMARY KEY (bank_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

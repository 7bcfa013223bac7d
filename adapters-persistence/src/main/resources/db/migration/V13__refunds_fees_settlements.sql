-- Money after the charge (docs/settlement.md): the fee a confirmation keeps and what refunds took from each charge,
-- the refunds themselves, fee schedules, payout accounts and the settlements that pay merchants out. As in V12, every
-- row carries its mode, money is integer minor units in the row's one currency, and no foreign keys cross
-- participants.

-- One column per statement: H2 and MariaDB agree on this form. refunded_minor changes only through a conditional
-- UPDATE (refunded_minor + refund <= amount_minor), so concurrent refunds can never take more than the charge.
ALTER TABLE charges ADD COLUMN fee_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE charges ADD COLUMN refunded_minor BIGINT NOT NULL DEFAULT 0;

-- Reconciliation sums confirmed charges per merchant and per bank.
CREATE INDEX ix_charges_status_merchant ON charges (mode, status, merchant_id, currency);

CREATE TABLE refunds (
    id                 VARCHAR(40)  NOT NULL,
    mode               VARCHAR(16)  NOT NULL,
    -- The charge's id (the public docs' transactionId).
    charge_id          VARCHAR(40)  NOT NULL,
    merchant_id        VARCHAR(40)  NOT NULL,
    bank_id            VARCHAR(40)  NOT NULL,
    customer_id        VARCHAR(40)  NOT NULL,
    currency           CHAR(3)      NOT NULL,
    amount_minor       BIGINT       NOT NULL,
    -- The part of the charge's fee this refund gives back to the merchant.
    fee_returned_minor BIGINT       NOT NULL,
    type               VARCHAR(16)  NOT NULL,
    reason             VARCHAR(200) NOT NULL,
    metadata           TEXT         NULL,
    initiated_by       VARCHAR(40)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    bank_reference     VARCHAR(200) NULL,
    failure_reason     VARCHAR(500) NULL,
    created_at         DATETIME(6)  NOT NULL,
    updated_at         DATETIME(6)  NOT NULL,
    processed_at       DATETIME(6)  NULL,
    version            BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A charge's refunds, oldest first.
CREATE INDEX ix_refunds_charge ON refunds (mode, charge_id, created_at);
-- The merchants' list, newest first.
CREATE INDEX ix_refunds_merchant_time ON refunds (mode, merchant_id, created_at, id);
-- The bank's queue: one bank's refunds still pending or processing, oldest first.
CREATE INDEX ix_refunds_awaiting_bank ON refunds (mode, bank_id, status, created_at);

-- Owner: a merchant's id, a provider's id, or 'network' (the default for everyone).
CREATE TABLE fee_schedules (
    mode          VARCHAR(16) NOT NULL,
    owner         VARCHAR(40) NOT NULL,
    basis_points  INT         NOT NULL,
    fixed_minor   BIGINT      NOT NULL,
    minimum_minor BIGINT      NOT NULL,
    -- NULL: no cap.
    maximum_minor BIGINT      NULL,
    PRIMARY KEY (mode, owner)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE payout_accounts (
    mode           VARCHAR(16)  NOT NULL,
    merchant_id    VARCHAR(40)  NOT NULL,
    bank_name      VARCHAR(100) NOT NULL,
    account_number VARCHAR(100) NOT NULL,
    account_name   VARCHAR(100) NOT NULL,
    PRIMARY KEY (mode, merchant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The fence two settlement runners meet at: a window is claimed by inserting its row. A second, concurrent claim of
-- the same window waits on the first's key lock until it commits, then fails with a duplicate key (the store answers
-- false), or succeeds if the first rolled back. A claim row holds nothing else, so a claim never leaves a
-- half-written settlement behind; the settlement itself follows in the claiming transaction.
CREATE TABLE settlement_windows (
    mode          VARCHAR(16) NOT NULL,
    merchant_id   VARCHAR(40) NOT NULL,
    currency      CHAR(3)     NOT NULL,
    window_start  DATETIME(6) NOT NULL,
    settlement_id VARCHAR(40) NOT NULL,
    PRIMARY KEY (mode, merchant_id, currency, window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE settlements (
    id                    VARCHAR(40)  NOT NULL,
    mode                  VARCHAR(16)  NOT NULL,
    merchant_id           VARCHAR(40)  NOT NULL,
    currency              CHAR(3)      NOT NULL,
    window_start          DATETIME(6)  NOT NULL,
    window_end            DATETIME(6)  NOT NULL,
    charges_minor         BIGINT       NOT NULL,
    refunds_minor         BIGINT       NOT NULL,
    fees_minor            BIGINT       NOT NULL,
    carried_in_minor      BIGINT       NOT NULL,
    net_minor             BIGINT       NOT NULL,
    payout_minor          BIGINT       NOT NULL,
    carried_out_minor     BIGINT       NOT NULL,
    -- The payout account as it was when the window settled: all three NULL when the merchant had none.
    payout_bank_name      VARCHAR(100) NULL,
    payout_account_number VARCHAR(100) NULL,
    payout_account_name   VARCHAR(100) NULL,
    payout_status         VARCHAR(16)  NOT NULL,
    settled_at            DATETIME(6)  NOT NULL,
    updated_at            DATETIME(6)  NOT NULL,
    version               BIGINT       NOT NULL,
    PRIMARY KEY (id),
    -- A window is settled once (settlement_windows is the fence; this is the backstop).
    CONSTRAINT uq_settlements_window UNIQUE (mode, merchant_id, currency, window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The merchants' list, newest window first.
CREATE INDEX ix_settlements_merchant_window ON settlements (mode, merchant_id, window_start, id);

CREATE TABLE settlement_lines (
    settlement_id          VARCHAR(40)  NOT NULL,
    line                   INT          NOT NULL,
    mode                   VARCHAR(16)  NOT NULL,
    journal_transaction_id VARCHAR(40)  NOT NULL,
    kind                   VARCHAR(24)  NOT NULL,
    reference              VARCHAR(64)  NOT NULL,
    gross_minor            BIGINT       NOT NULL,
    fee_minor              BIGINT       NOT NULL,
    net_minor              BIGINT       NOT NULL,
    bank_id                VARCHAR(40)  NULL,
    occurred_at            DATETIME(6)  NOT NULL,
    PRIMARY KEY (settlement_id, line)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Which settlement took each journal transaction, per account: the key makes a transaction settle once, so one
-- confirmed while a window closes lands in the next window instead of being lost or counted twice.
CREATE TABLE settlement_entries (
    transaction_id VARCHAR(40) NOT NULL,
    account_type   VARCHAR(24) NOT NULL,
    account_owner  VARCHAR(40) NOT NULL,
    settlement_id  VARCHAR(40) NOT NULL,
    mode           VARCHAR(16) NOT NULL,
    PRIMARY KEY (transaction_id, account_type, account_owner)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A claim reads back what it took by settlement.
CREATE INDEX ix_settlement_entries_settlement ON settlement_entries (settlement_id, account_type, account_owner);

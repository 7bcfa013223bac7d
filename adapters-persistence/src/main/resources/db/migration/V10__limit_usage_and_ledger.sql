-- What each agreement has used (confirmed plus reserved) per limit window. A charge reserves with a conditional
-- UPDATE (used_minor + amount <= cap), so concurrent charges on one agreement can never overspend.
CREATE TABLE limit_usage (
    mode         VARCHAR(16) NOT NULL,
    agreement_id VARCHAR(40) NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    window_start DATETIME(6) NOT NULL,
    currency     CHAR(3)     NOT NULL,
    used_minor   BIGINT      NOT NULL,
    PRIMARY KEY (mode, agreement_id, kind, window_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The double-entry journal: append-only. Each transaction's postings sum to zero per currency (checked by the
-- application before the insert, and by reconciliation after).
CREATE TABLE ledger_transactions (
    id          VARCHAR(40)  NOT NULL,
    mode        VARCHAR(16)  NOT NULL,
    reference   VARCHAR(64)  NOT NULL,
    description VARCHAR(200) NOT NULL,
    occurred_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_ledger_transactions_reference ON ledger_transactions (mode, reference, occurred_at);

CREATE TABLE ledger_postings (
    transaction_id VARCHAR(40) NOT NULL,
    line           INT         NOT NULL,
    mode           VARCHAR(16) NOT NULL,
    account_type   VARCHAR(24) NOT NULL,
    account_owner  VARCHAR(40) NOT NULL,
    currency       CHAR(3)     NOT NULL,
    amount_minor   BIGINT      NOT NULL,
    PRIMARY KEY (transaction_id, line)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_ledger_postings_account ON ledger_postings (mode, account_type, account_owner, currency);

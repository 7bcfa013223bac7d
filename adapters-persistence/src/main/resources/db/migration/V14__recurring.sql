-- Recurring schedules and their runs (one row per period a schedule reached). A run's primary key
-- (schedule_id, period_number) is the period key: of two engines claiming one period, one inserts and the other hits
-- the key, so no period is ever charged twice. Rows carry their mode and participants (the shard keys later).
CREATE TABLE recurring_schedules (
    id              VARCHAR(40)  NOT NULL,
    mode            VARCHAR(16)  NOT NULL,
    merchant_id     VARCHAR(40)  NOT NULL,
    bank_id         VARCHAR(40)  NOT NULL,
    agreement_id    VARCHAR(40)  NOT NULL,
    customer_id     VARCHAR(40)  NOT NULL,
    currency        CHAR(3)      NOT NULL,
    amount_minor    BIGINT       NOT NULL,
    description     VARCHAR(200) NOT NULL,
    frequency       VARCHAR(16)  NOT NULL,
    interval_count  INT          NOT NULL,
    -- The bank's zone when the schedule was made: its periods are counted in it for good.
    time_zone       VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    anchor_at       DATETIME(6)  NOT NULL,
    next_period     BIGINT       NOT NULL,
    next_due_at     DATETIME(6)  NOT NULL,
    notices_sent    INT          NOT NULL,
    -- Days before each period the pre-debit notices go out, longest first, comma-separated ('' for none).
    notice_offsets  VARCHAR(64)  NOT NULL,
    -- The next notice or due time: what the engine's sweep reads.
    next_action_at  DATETIME(6)  NOT NULL,
    retries         INT          NOT NULL,
    metadata        TEXT         NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    version         BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The merchants' lists, newest first.
CREATE INDEX ix_recurring_schedules_merchant_time ON recurring_schedules (mode, merchant_id, created_at, id);
-- The engine's sweep: active schedules by their next notice or due time, across modes.
CREATE INDEX ix_recurring_schedules_due ON recurring_schedules (status, next_action_at);

CREATE TABLE recurring_runs (
    schedule_id     VARCHAR(40)  NOT NULL,
    period_number   BIGINT       NOT NULL,
    mode            VARCHAR(16)  NOT NULL,
    due_at          DATETIME(6)  NOT NULL,
    -- Locked when the first notice named it.
    currency        CHAR(3)      NOT NULL,
    amount_minor    BIGINT       NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    -- The billing request of the latest attempt.
    charge_id       VARCHAR(40)  NULL,
    attempts        INT          NOT NULL,
    notified_at     DATETIME(6)  NULL,
    retry_at        DATETIME(6)  NULL,
    failure_reason  VARCHAR(200) NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    version         BIGINT       NOT NULL,
    PRIMARY KEY (schedule_id, period_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A charge's answer finds the run it belongs to.
CREATE INDEX ix_recurring_runs_charge ON recurring_runs (mode, charge_id);
-- The engine's retry sweep, across modes.
CREATE INDEX ix_recurring_runs_retry ON recurring_runs (state, retry_at);

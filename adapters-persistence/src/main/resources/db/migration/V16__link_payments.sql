-- Runs unchanged on H2 2.x (MySQL mode) and MySQL 8 / MariaDB 10.6+. One column per statement: H2 and MariaDB
-- agree on this form.
--
-- Paying a payment link: schedules that end on their own and name the link payment they renew, sealed callback
-- keys, and each customer's payment of a link.

-- When a schedule stops on its own (NULL: no such limit), and the link payment it renews (NULL: made by the API).
ALTER TABLE recurring_schedules ADD COLUMN max_billings BIGINT NULL;
ALTER TABLE recurring_schedules ADD COLUMN end_before DATETIME(6) NULL;
ALTER TABLE recurring_schedules ADD COLUMN link_payment_id VARCHAR(40) NULL;

-- A revoked agreement cancels its open schedules.
CREATE INDEX ix_recurring_schedules_agreement ON recurring_schedules (mode, agreement_id, created_at);

-- Callback keys are sealed now (the server needs the plaintext to sign callbacks, so encrypted, not hashed). The
-- existing rows were stored in clear before any release: they are dropped, not migrated, and each merchant's key is
-- made afresh with its next link.
DELETE FROM link_callback_keys;
ALTER TABLE link_callback_keys DROP COLUMN callback_key;
ALTER TABLE link_callback_keys ADD COLUMN callback_key_sealed VARCHAR(255) NOT NULL;

-- One customer's payment of a link. held_link is the link's id while the payment holds the link (awaiting approval,
-- processing, paid, active) and NULL otherwise: the unique key lets a link have at most one holding payment, so two
-- customers paying at once cannot both start, and any number that were declined, failed or cancelled (NULLs never
-- collide).
CREATE TABLE link_payments (
    id              VARCHAR(40)  NOT NULL,
    mode            VARCHAR(16)  NOT NULL,
    link_id         VARCHAR(40)  NOT NULL,
    merchant_id     VARCHAR(40)  NOT NULL,
    bank_id         VARCHAR(40)  NOT NULL,
    customer_id     VARCHAR(40)  NOT NULL,
    -- The billing intent the pay page sent.
    agreement_id    VARCHAR(40)  NOT NULL,
    -- Set once the bank approved.
    schedule_id     VARCHAR(40)  NULL,
    status          VARCHAR(24)  NOT NULL,
    failure_reason  VARCHAR(200) NULL,
    last_paid_at    DATETIME(6)  NULL,
    held_link       VARCHAR(40)  NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    version         BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_link_payments_held_link UNIQUE (mode, held_link)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A bank's answer to the intent finds its payment.
CREATE INDEX ix_link_payments_agreement ON link_payments (mode, agreement_id);
-- A link's payments, newest first.
CREATE INDEX ix_link_payments_link_time ON link_payments (mode, link_id, created_at);

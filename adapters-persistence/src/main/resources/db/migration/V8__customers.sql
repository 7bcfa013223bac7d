-- Banks' customers, their linked devices and the results of customer batches. Every row carries its mode and its
-- bank (the shard key later); nothing references another participant's rows by foreign key.
CREATE TABLE customers (
    id              VARCHAR(40)  NOT NULL,
    mode            VARCHAR(16)  NOT NULL,
    bank_id         VARCHAR(40)  NOT NULL,
    -- The bank-side phrase: the customer's stable id at its bank.
    phrase          VARCHAR(40)  NOT NULL,
    client_ref      VARCHAR(100) NOT NULL,
    reference       VARCHAR(100) NOT NULL,
    firstname       VARCHAR(100) NOT NULL,
    middlename      VARCHAR(100) NULL,
    lastname        VARCHAR(100) NOT NULL,
    account_name    VARCHAR(200) NOT NULL,
    account_number  VARCHAR(34)  NOT NULL,
    -- Normalised (trimmed, lower-case) so lookups compare exactly under the binary collation.
    email           VARCHAR(254) NOT NULL,
    -- E.164.
    phone           VARCHAR(16)  NULL,
    country         CHAR(2)      NOT NULL,
    address         VARCHAR(300) NULL,
    gender          VARCHAR(8)   NULL,
    display_picture VARCHAR(500) NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    version         BIGINT       NOT NULL,
    PRIMARY KEY (id),
    -- Re-sending an item with a known reference is a duplicate, never a second customer (decisions.md).
    CONSTRAINT uq_customers_reference UNIQUE (mode, bank_id, reference),
    CONSTRAINT uq_customers_client_ref UNIQUE (mode, bank_id, client_ref),
    CONSTRAINT uq_customers_phrase UNIQUE (mode, bank_id, phrase)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The network lookups, across banks.
CREATE INDEX ix_customers_email ON customers (mode, email);
CREATE INDEX ix_customers_phone ON customers (mode, phone);
-- A bank's list, newest first.
CREATE INDEX ix_customers_bank_time ON customers (mode, bank_id, created_at, id);

CREATE TABLE customer_devices (
    mode        VARCHAR(16)  NOT NULL,
    bank_id     VARCHAR(40)  NOT NULL,
    device_id   VARCHAR(128) NOT NULL,
    customer_id VARCHAR(40)  NOT NULL,
    linked_at   DATETIME(6)  NOT NULL,
    -- Within one bank a device belongs to one customer; the same device may be linked at several banks.
    PRIMARY KEY (mode, bank_id, device_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_customer_devices_device ON customer_devices (mode, device_id);
CREATE INDEX ix_customer_devices_customer ON customer_devices (mode, bank_id, customer_id);
CREATE INDEX ix_customer_devices_time ON customer_devices (mode, bank_id, linked_at, device_id);

-- One row per processed POST /v1/bank/customers, so its result can be read again.
CREATE TABLE customer_batches (
    id           VARCHAR(40) NOT NULL,
    mode         VARCHAR(16) NOT NULL,
    bank_id      VARCHAR(40) NOT NULL,
    -- One line per item, in request order (see JdbiCustomerBatchStore for the format).
    items        MEDIUMTEXT  NOT NULL,
    processed_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_customer_batches_bank ON customer_batches (mode, bank_id, processed_at);

-- Payment links: a merchant's fixed-amount link, paid once or every period of its duration. The secret is the
-- merchant's own code for the link and is unique per merchant (the key decides, so two creates at once cannot both
-- win). Callback keys: one per merchant and mode, the api-secret-key header of link callbacks.
CREATE TABLE payment_links (
    id              VARCHAR(40)  NOT NULL,
    mode            VARCHAR(16)  NOT NULL,
    merchant_id     VARCHAR(40)  NOT NULL,
    currency        CHAR(3)      NOT NULL,
    amount_minor    BIGINT       NOT NULL,
    description     VARCHAR(200) NOT NULL,
    customer_email  VARCHAR(254) NULL,
    secret          VARCHAR(100) NOT NULL,
    callback_url    VARCHAR(500) NOT NULL,
    -- NULL for a one-off link.
    duration        VARCHAR(16)  NULL,
    metadata        TEXT         NULL,
    status          VARCHAR(16)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    version         BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_payment_links_secret UNIQUE (mode, merchant_id, secret)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_payment_links_merchant_time ON payment_links (mode, merchant_id, created_at, id);

CREATE TABLE link_callback_keys (
    mode            VARCHAR(16)  NOT NULL,
    merchant_id     VARCHAR(40)  NOT NULL,
    callback_key    VARCHAR(64)  NOT NULL,
    PRIMARY KEY (mode, merchant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

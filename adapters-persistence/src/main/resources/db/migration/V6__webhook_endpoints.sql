-- Webhook endpoints, owned by one participant in one mode. The signing secrets are stored sealed (AES-GCM with the
-- server key, see docs/operations.md): the server needs the plaintext to sign, so they cannot be hashed. During a
-- rotation the previous secret is kept until previous_secret_until. event_types is a comma-separated list of wire
-- names. updated_at doubles as the version of the conditional update.
CREATE TABLE webhook_endpoints (
    id                     VARCHAR(40)   NOT NULL,
    mode                   VARCHAR(16)   NOT NULL,
    participant_id         VARCHAR(40)   NOT NULL,
    url                    VARCHAR(2048) NOT NULL,
    event_types            VARCHAR(1000) NOT NULL,
    status                 VARCHAR(16)   NOT NULL,
    secret_sealed          VARCHAR(255)  NOT NULL,
    previous_secret_sealed VARCHAR(255)  NULL,
    previous_secret_until  DATETIME(6)   NULL,
    created_at             DATETIME(6)   NOT NULL,
    updated_at             DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_webhook_endpoints_owner ON webhook_endpoints (mode, participant_id, created_at, id);

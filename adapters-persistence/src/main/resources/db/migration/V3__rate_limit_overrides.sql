-- The operator's rate-limit overrides: one row per (participant, rate class) the override names; a participant
-- without rows is on its computed limits (defaults × trust factor). Runs unchanged on H2 (MySQL mode) and
-- MySQL 8 / MariaDB 10.6+; binary collation for the same reasons as V1.

CREATE TABLE rate_limit_overrides (
    mode             VARCHAR(16) NOT NULL,
    participant_id   VARCHAR(40) NOT NULL,
    -- STANDARD, BATCH or READ.
    rate_class       VARCHAR(16) NOT NULL,
    per_minute       INT         NOT NULL,
    burst_per_second INT         NOT NULL,
    PRIMARY KEY (mode, participant_id, rate_class)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

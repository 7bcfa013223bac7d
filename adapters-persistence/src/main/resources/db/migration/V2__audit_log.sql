-- The append-only audit log: who changed what and when. Rows are inserted in the transaction of the change they
-- describe and never updated or deleted. subject_id is the participant the change is about (the shard key later).
CREATE TABLE audit_log (
    id                   VARCHAR(40)   NOT NULL,
    mode                 VARCHAR(16)   NOT NULL,
    subject_id           VARCHAR(40)   NOT NULL,
    action               VARCHAR(40)   NOT NULL,
    actor_kind           VARCHAR(16)   NOT NULL,
    actor_participant_id VARCHAR(40)   NULL,
    actor_key_id         VARCHAR(40)   NULL,
    actor_label          VARCHAR(100)  NOT NULL,
    -- application/x-www-form-urlencoded name=value pairs, in the order they were recorded.
    details              VARCHAR(12000) NOT NULL,
    occurred_at          DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_audit_log_time ON audit_log (mode, occurred_at, id);
CREATE INDEX ix_audit_log_subject ON audit_log (mode, subject_id, occurred_at, id);

-- One schema for all three services. Keep to SQL that both MySQL 8.4 and MariaDB 10.11 accept.
CREATE TABLE train (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    code        VARCHAR(16)  NOT NULL,
    origin      VARCHAR(64)  NOT NULL,
    destination VARCHAR(64)  NOT NULL,
    departs_at  DATETIME(3)  NOT NULL,
    capacity    INT          NOT NULL,
    sold        INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_train_code UNIQUE (code),
    CONSTRAINT ck_train_sold CHECK (sold >= 0 AND sold <= capacity)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE ticket (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    train_id    BIGINT       NOT NULL,
    passenger   VARCHAR(64)  NOT NULL,
    request_id  CHAR(36)     NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_ticket_request_id UNIQUE (request_id),
    CONSTRAINT fk_ticket_train FOREIGN KEY (train_id) REFERENCES train (id),
    INDEX ix_ticket_train_status (train_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

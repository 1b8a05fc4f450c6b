-- Who this database is: an id made once, with the schema, that every Redis key of the service carries
-- (RedisKeys.forDatabase). A database recreated or restored to another state while Redis keeps running gets
-- a new id, so the old stock, cache and channels are never read for trains that only share an id number.
CREATE TABLE database_identity (
    id CHAR(36) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

INSERT INTO database_identity (id) VALUES (UUID());

-- Run once by the mysql image, on an empty data volume, before the server accepts connections.
-- One database per service (the names their application.yaml use), so the three share one MySQL and
-- never each other's tables. The services would create them too (createDatabaseIfNotExist), but
-- R2DBC cannot: here no start depends on Flyway's JDBC connection winning the race to create it.
CREATE DATABASE IF NOT EXISTS c10k_blocking CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS c10k_reactive CHARACTER SET utf8mb4;
CREATE DATABASE IF NOT EXISTS c10k_vthreads CHARACTER SET utf8mb4;

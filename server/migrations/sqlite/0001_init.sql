-- roq-users schema, SQLite dialect. Times are milliseconds since the Unix epoch (UTC).
-- `*_lower` columns hold the Unicode lower case computed by the server, so that
-- case-insensitive matching behaves the same on every backend.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE environments (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id             TEXT PRIMARY KEY NOT NULL,
    environment_id TEXT NOT NULL REFERENCES environments(id),
    key_hash       TEXT NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL,
    revoked_at     INTEGER
);
CREATE INDEX api_keys_environment ON api_keys (environment_id);

CREATE TABLE tenants (
    id             TEXT PRIMARY KEY NOT NULL,
    environment_id TEXT NOT NULL REFERENCES environments(id),
    name           TEXT NOT NULL,
    reference      TEXT,
    is_default     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX tenants_environment_created ON tenants (environment_id, created_at, id);
CREATE UNIQUE INDEX tenants_one_default ON tenants (environment_id) WHERE is_default = 1;

CREATE TABLE users (
    id                 TEXT PRIMARY KEY NOT NULL,
    environment_id     TEXT NOT NULL REFERENCES environments(id),
    tenant_id          TEXT NOT NULL REFERENCES tenants(id),
    reference          TEXT NOT NULL,
    reference_lower    TEXT NOT NULL,
    email              TEXT NOT NULL,
    email_lower        TEXT NOT NULL,
    first_name         TEXT,
    first_name_lower   TEXT,
    last_name          TEXT,
    last_name_lower    TEXT,
    phone              TEXT,
    locale             TEXT,
    locale_lower       TEXT,
    timezone           TEXT,
    timezone_lower     TEXT,
    avatar_url         TEXT,
    password_hash      TEXT,
    is_opted_in        INTEGER NOT NULL,
    opted_in_at        INTEGER,
    active             INTEGER NOT NULL,
    two_factor_enabled INTEGER NOT NULL,
    custom_data        TEXT NOT NULL,
    version            INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_environment_reference ON users (environment_id, reference);
CREATE UNIQUE INDEX users_environment_email ON users (environment_id, email_lower);
CREATE INDEX users_environment_created ON users (environment_id, created_at, id);
CREATE INDEX users_environment_updated ON users (environment_id, updated_at, id);
CREATE INDEX users_environment_email_sort ON users (environment_id, email, id);
CREATE INDEX users_environment_first_name ON users (environment_id, first_name, id);
CREATE INDEX users_environment_last_name ON users (environment_id, last_name, id);
CREATE INDEX users_environment_locale ON users (environment_id, locale, id);
CREATE INDEX users_environment_phone ON users (environment_id, phone, id);
CREATE INDEX users_environment_timezone ON users (environment_id, timezone, id);
CREATE INDEX users_environment_active ON users (environment_id, active, id);
CREATE INDEX users_tenant ON users (tenant_id);

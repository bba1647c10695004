-- roq-users schema, PostgreSQL dialect (the same tables as migrations/sqlite). Times are
-- milliseconds since the Unix epoch (UTC). Text that is compared or sorted uses the "C"
-- collation so that ordering is by code point, exactly as on SQLite. `*_lower` columns hold
-- the Unicode lower case computed by the server.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE environments (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE api_keys (
    id             TEXT PRIMARY KEY NOT NULL,
    environment_id TEXT NOT NULL REFERENCES environments(id),
    key_hash       TEXT NOT NULL UNIQUE,
    created_at     BIGINT NOT NULL,
    revoked_at     BIGINT
);
CREATE INDEX api_keys_environment ON api_keys (environment_id);

CREATE TABLE tenants (
    id             TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    environment_id TEXT NOT NULL REFERENCES environments(id),
    name           TEXT COLLATE "C" NOT NULL,
    reference      TEXT COLLATE "C",
    is_default     BOOLEAN NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX tenants_environment_created ON tenants (environment_id, created_at, id);
CREATE UNIQUE INDEX tenants_one_default ON tenants (environment_id) WHERE is_default;

CREATE TABLE users (
    id                 TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    environment_id     TEXT NOT NULL REFERENCES environments(id),
    tenant_id          TEXT COLLATE "C" NOT NULL REFERENCES tenants(id),
    reference          TEXT COLLATE "C" NOT NULL,
    reference_lower    TEXT COLLATE "C" NOT NULL,
    email              TEXT COLLATE "C" NOT NULL,
    email_lower        TEXT COLLATE "C" NOT NULL,
    first_name         TEXT COLLATE "C",
    first_name_lower   TEXT COLLATE "C",
    last_name          TEXT COLLATE "C",
    last_name_lower    TEXT COLLATE "C",
    phone              TEXT COLLATE "C",
    locale             TEXT COLLATE "C",
    locale_lower       TEXT COLLATE "C",
    timezone           TEXT COLLATE "C",
    timezone_lower     TEXT COLLATE "C",
    avatar_url         TEXT,
    password_hash      TEXT,
    is_opted_in        BOOLEAN NOT NULL,
    opted_in_at        BIGINT,
    active             BOOLEAN NOT NULL,
    two_factor_enabled BOOLEAN NOT NULL,
    custom_data        TEXT NOT NULL,
    version            BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
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

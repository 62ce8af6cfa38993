-- Portcullis foundation: users, signing keys, session chains, security events.

create table users (
    id               uuid primary key,
    email            text        not null,
    email_normalized text        not null unique,
    name             text,
    password_hash    text        not null,
    email_verified   boolean     not null default false,
    roles            text[]      not null default '{user}',
    two_factor_enabled boolean   not null default false,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

-- Asymmetric signing keys; the private half is sealed under the master key.
create table signing_keys (
    generation     integer primary key,
    kid            text        not null unique,
    algorithm      text        not null,
    public_jwk     text        not null,
    private_jwk    text        not null,
    created_at     timestamptz not null,
    activates_at   timestamptz not null
);

-- One row per device session. current_token_hash is the only refresh token of the
-- chain that may be presented; rotation is a single conditional UPDATE on this row.
create table sessions (
    id                  uuid primary key,
    user_id             uuid        not null references users (id) on delete cascade,
    current_token_hash  bytea       not null unique,
    generation          integer     not null default 0,
    remember_me         boolean     not null,
    amr                 text[]      not null,
    auth_time           timestamptz not null,
    user_agent          text,
    ip_address          text,
    device_browser      text,
    device_os           text,
    device_type         text        not null default 'unknown',
    created_at          timestamptz not null,
    last_active_at      timestamptz not null,
    expires_at          timestamptz not null,
    extended_at         timestamptz not null,
    absolute_expires_at timestamptz not null,
    revoked_at          timestamptz,
    revoked_reason      text
);
create index sessions_user_idx on sessions (user_id);

-- Every refresh token a chain has rotated away, by hash, so that a replay is
-- recognised as reuse (and within the grace window answered with the same successor).
create table refresh_token_history (
    token_hash bytea primary key,
    session_id uuid        not null references sessions (id) on delete cascade,
    generation integer     not null,
    rotated_at timestamptz not null
);
create index refresh_token_history_session_idx on refresh_token_history (session_id);

create table security_events (
    id          uuid primary key,
    type        text        not null,
    user_id     uuid,
    session_id  uuid,
    ip_address  text,
    user_agent  text,
    created_at  timestamptz not null,
    details     jsonb       not null default '{}'::jsonb
);
create index security_events_user_idx on security_events (user_id, created_at desc);
create index security_events_type_idx on security_events (type, created_at desc);

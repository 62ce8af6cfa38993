-- Two-factor authentication (issue 5): TOTP secrets, backup codes, sign-in challenges.

-- One TOTP secret per user, sealed with SecretBox (AES-256-GCM, master key id inside the
-- ciphertext). confirmed_at is null while the enrollment is pending verification.
-- last_used_step is the highest TOTP time step accepted: a code is accepted only by a
-- conditional UPDATE that raises it, so a code (or an older one) is never accepted twice,
-- whatever the number of instances.
create table two_factor_secrets (
    user_id        uuid primary key references users (id) on delete cascade,
    secret         text        not null,
    confirmed_at   timestamptz,
    last_used_step bigint,
    created_at     timestamptz not null
);

-- Backup codes as HMAC-SHA256 under a key derived from the master key (key_id says which
-- master key), never in plaintext. A code is used by deleting its row: DELETE … RETURNING
-- answers a row to exactly one caller.
create table backup_codes (
    id         uuid primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    key_id     text        not null,
    code_hash  bytea       not null,
    created_at timestamptz not null
);
create index backup_codes_user_idx on backup_codes (user_id);

-- Sign-in challenges between a proven password and the second factor: the mfaToken is
-- stored as its SHA-256 only, and consumed by DELETE … RETURNING.
create table mfa_challenges (
    token_hash    bytea primary key,
    user_id       uuid        not null references users (id) on delete cascade,
    remember_me   boolean     not null,
    body_delivery boolean     not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null
);
create index mfa_challenges_expires_idx on mfa_challenges (expires_at);
create index mfa_challenges_user_idx on mfa_challenges (user_id);

-- Session lifecycle (issue 3): device network for new-device detection, expiry
-- bookkeeping for the sweep, indexes for the sweep and admin lookups, and the account
-- lock columns that admin unlock clears (the lockout feature, V3, builds on them).

alter table sessions add column network text;
-- Set once by the sweep when it records a session's expiry (event, counter, duration),
-- so that with several instances each expiry is counted exactly once.
alter table sessions add column expiry_recorded boolean not null default false;

create index sessions_user_device_idx on sessions (user_id, device_type, network);
create index sessions_revoked_idx on sessions (revoked_at) where revoked_at is not null;
create index sessions_expires_idx on sessions (expires_at);
create index sessions_unrecorded_expiry_idx on sessions (expires_at)
    where revoked_at is null and not expiry_recorded;

alter table users add column failed_attempts integer not null default 0;
alter table users add column locked_until timestamptz;

-- Admin search by email prefix (LIKE 'prefix%').
create index users_email_prefix_idx on users (email_normalized text_pattern_ops);

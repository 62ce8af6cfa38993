-- Email (issue 6): single-use verification and reset tokens, the outgoing-mail outbox,
-- and the keys of notifications that are sent at most once (one per new device).

-- Only the SHA-256 of a token is stored; the token itself exists only in the mail.
-- A use is one DELETE ... RETURNING, so a token is consumed exactly once.
create table email_tokens (
    token_hash bytea primary key,
    purpose    text        not null,
    user_id    uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index email_tokens_user_idx on email_tokens (user_id, purpose);
create index email_tokens_expires_idx on email_tokens (expires_at);

-- Written in the transaction of the change that causes the mail; a dispatcher claims
-- due rows with FOR UPDATE SKIP LOCKED and a lease, sends them, and marks them sent.
-- body is the rendered message sealed under the master key (it may carry a link with
-- a token) and is cleared once the message is sent or given up.
create table email_outbox (
    id              uuid primary key,
    message_id      text        not null unique,
    recipient       text        not null,
    subject         text        not null,
    template        text        not null,
    body            text,
    status          text        not null default 'pending',
    attempts        integer     not null default 0,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    locked_until    timestamptz,
    sent_at         timestamptz,
    last_error      text
);
create index email_outbox_due_idx on email_outbox (next_attempt_at) where status = 'pending';
create index email_outbox_finished_idx on email_outbox (created_at) where status <> 'pending';

-- Notifications that go out at most once, such as one new-device mail per device.
create table email_sent_once (
    key        text primary key,
    created_at timestamptz not null
);

-- Seeds the scratch copy of the gateway's schema for rotation.pgbench: one user and one
-- session per pgbench client (clients 0 .. :clients - 1), each session's newest token
-- hash being token_hash(client, 0). Run with psql -v clients=N.
insert into users (id, email, email_normalized, password_hash, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000001', 'bench@example.com', 'bench@example.com', 'x', now(), now());
insert into sessions (id, user_id, current_token_hash, generation, remember_me, amr, auth_time, created_at,
                      last_active_at, expires_at, extended_at, absolute_expires_at)
select gen_random_uuid(), '00000000-0000-0000-0000-000000000001',
       decode(lpad(to_hex(c::bigint * 1000000000), 64, '0'), 'hex'), 0, false, '{pwd}', now(), now(),
       now(), now() + interval '30 days', now(), now() + interval '90 days'
from generate_series(0, :clients - 1) c;

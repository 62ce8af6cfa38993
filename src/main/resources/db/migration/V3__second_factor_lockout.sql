-- Brute-force defences (issue 4): the second-factor lockout, counted apart from the
-- password lockout (users.failed_attempts / locked_until, added in V2).

alter table users add column second_factor_failed_attempts integer not null default 0;
alter table users add column second_factor_locked_until timestamptz;

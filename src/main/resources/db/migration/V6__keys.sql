-- Per-purpose HMAC secrets (refresh-token successors, rate-limit counter names, backup
-- codes), sealed under the master key like every other secret. A master-key rotation
-- re-seals them without changing them, so what they keyed stays valid. The id is
-- '<purpose>/<version>' and is bound into the sealed value's associated data.
create table hmac_secrets (
    id         text primary key,
    purpose    text        not null,
    version    integer     not null,
    secret     text        not null,
    created_at timestamptz not null,
    unique (purpose, version)
);

-- An emergency rotation retires a compromised signing key at once: it leaves the JWKS
-- and its tokens fail verification, whatever its place in the rotation schedule.
alter table signing_keys add column retired_at timestamptz;

-- Values sealed before this version (format v1: the master key itself as the AES key, no
-- row identity in the associated data) stay readable; the background re-seal of each
-- instance (crypto.Resealer) rewrites them as v2 under the active key, at start-up and
-- then every portcullis.encryption.reseal.interval. Nothing is lost if it is interrupted:
-- every batch is one transaction, and both formats open until then.

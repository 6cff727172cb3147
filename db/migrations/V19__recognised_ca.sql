-- CAs this centre recognises without holding their keys: the national root, other accredited centres' CAs, an
-- incumbent centre's issuing CA. Apart from table ca on purpose: nothing that signs, publishes CRLs or answers
-- OCSP walks this table, so an external CA cannot reach a signing path by being listed with ours.
create table recognised_ca (
    id              int generated always as identity primary key,
    name            text not null unique check (name ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    subject_dn      text not null,
    -- null for a self-signed root; otherwise the recognised CA whose key verified this certificate's signature
    issuer_id       int references recognised_ca(id),
    certificate     bytea not null,
    cert_sha256     bytea not null unique,
    key_algorithm   text not null,
    not_before      timestamptz not null,
    not_after       timestamptz not null,
    recognised_by   text not null,
    recognised_at   timestamptz not null
);
-- Recognition is recorded, never edited: withdrawing one is a later, audited decision, not an UPDATE.
revoke update on recognised_ca from eimzo_app;

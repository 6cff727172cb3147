-- The applicant's phone confirmed by a one-time code sent by SMS (issue 21), when the SMS provider is on: like the
-- e-mail code, kept as a SHA-256 with its expiry and misses, never the code itself. Without SMS the phone stays
-- unconfirmed (phone_confirmed_at null) and the pages say so.

alter table online_application
    add column phone_code_sha256     bytea,
    add column phone_code_expires_at timestamptz,
    add column phone_code_failures   int not null default 0,
    add column phone_confirmed_at    timestamptz;

-- Every phone code sent, for the limits per phone number and per client address (the address kept as a SHA-256
-- only), counted in the database so every RA node counts the same. Rows older than the window count for nothing.
create table phone_code_sent (
    id            bigint generated always as identity primary key,
    phone         text not null,
    client_sha256 bytea not null,
    sent_at       timestamptz not null
);
create index phone_code_sent_phone on phone_code_sent(phone, sent_at);
create index phone_code_sent_client on phone_code_sent(client_sha256, sent_at);

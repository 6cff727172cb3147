-- Renewal and protocol enrollment (CMP), expiry reminders, self-service revocation codes.

-- A CMP exchange that issued a certificate and waits for (or got) the client's certConf. Kept in the database
-- rather than in memory so the certConf may reach any RA node.
create table cmp_transaction (
    transaction_id  bytea primary key,
    kind            text not null check (kind in ('ENROLL','RENEW')),
    -- ENROLL: the enrollment code whose MAC secret also protects the certConf.
    reference       text references enrollment_code(reference),
    -- RENEW: the certificate whose key signed the kur, and must sign the certConf.
    signer_ca_id    int references ca(id),
    signer_serial   numeric(50,0),
    ca_id           int not null references ca(id),
    serial          numeric(50,0) not null,
    created_at      timestamptz not null default now(),
    confirmed_at    timestamptz,
    rejected_at     timestamptz
);

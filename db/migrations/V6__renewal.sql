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

-- Expiry reminders: one row per (certificate, days before expiry), claimed before the e-mail goes out. The primary key
-- makes the claim atomic across nodes and restarts, so each reminder goes at most once.
create table expiry_reminder (
    ca_id           int not null,
    serial          numeric(50,0) not null,
    days_before     smallint not null check (days_before > 0),
    claimed_by      text not null,
    claimed_at      timestamptz not null default now(),
    sent_at         timestamptz,
    primary key (ca_id, serial, days_before),
    foreign key (ca_id, serial) references certificate(ca_id, serial)
);

-- Lost-key revocation from home: a code shown once at issuance, kept only as its SHA-256 (80 random bits, so a fast
-- hash is enough: there is no dictionary to try).
alter table certificate add column revocation_code_sha256 bytea;

-- The schema is the contract between the CA (writer) and the OCSP responder (reader).
-- Serial numbers are stored as numeric so that humans, SQL and OCSP lookups agree on one value.

create table service_centre (
    id          bigint generated always as identity primary key,
    code        text not null unique,
    name        text not null,
    region      text,
    individuals_need_approval boolean not null default false,
    created_at  timestamptz not null default now()
);

create table operator (
    id              bigint generated always as identity primary key,
    centre_id       bigint not null references service_centre(id),
    username        text not null unique,
    full_name       text not null,
    roles           text[] not null,
    password_hash   text,
    totp_secret     bytea,
    client_cert_sha256 bytea unique,
    failed_attempts int not null default 0,
    locked_until    timestamptz,
    enabled         boolean not null default true,
    created_at      timestamptz not null default now(),
    constraint operator_roles_known check (roles <@ array['REGISTRAR','SUPERVISOR','AUDITOR','ADMINISTRATOR']::text[])
);

-- A certification authority we operate: its certificate, and where its key lives (never the key itself).
create table ca (
    id              int generated always as identity primary key,
    name            text not null unique,
    subject_dn      text not null,
    parent_id       int references ca(id),
    certificate     bytea not null,
    cert_sha256     bytea not null unique,
    subject_key_id  bytea not null,
    -- SHA-1 of the issuer name and key as OCSP CertIDs carry them (RFC 6960 4.1.1); SHA-256 too.
    name_hash_sha1  bytea not null,
    key_hash_sha1   bytea not null,
    name_hash_sha256 bytea not null,
    key_hash_sha256 bytea not null,
    key_reference   text not null,
    key_algorithm   text not null,
    not_before      timestamptz not null,
    not_after       timestamptz not null,
    status          text not null default 'ACTIVE' check (status in ('ACTIVE','RETIRED')),
    created_at      timestamptz not null default now()
);
create index ca_key_hash_sha1 on ca(key_hash_sha1);
create index ca_key_hash_sha256 on ca(key_hash_sha256);

create table applicant (
    id              bigint generated always as identity primary key,
    pinfl           char(14) not null unique check (pinfl ~ '^[0-9]{14}$'),
    personal_stir   char(9) check (personal_stir ~ '^[0-9]{9}$'),
    surname         text not null,
    given_name      text not null,
    patronymic      text,
    birth_date      date not null,
    sex             char(1) not null check (sex in ('M','F')),
    document_type   text not null check (document_type in ('PASSPORT','ID_CARD')),
    -- Encrypted at rest; only the last digits are kept in clear for operators to compare.
    document_number_enc bytea not null,
    document_number_tail text not null,
    region          text,
    district        text,
    phone           text,
    email           text,
    centre_id       bigint references service_centre(id),
    created_at      timestamptz not null default now()
);

create table organisation (
    id              bigint generated always as identity primary key,
    stir            char(9) not null unique check (stir ~ '^[0-9]{9}$'),
    name            text not null,
    legal_form      text not null,
    applicant_type  text not null,
    region          text,
    district        text,
    created_at      timestamptz not null default now()
);

create table certificate_request (
    id              bigint generated always as identity primary key,
    centre_id       bigint references service_centre(id),
    applicant_id    bigint references applicant(id),
    organisation_id bigint references organisation(id),
    profile         text not null,
    position_title  text,
    key_option      text check (key_option in ('CSR','SERVER_KEY','BROWSER_KEY')),
    csr             bytea,
    status          text not null default 'DRAFT' check (status in ('DRAFT','SUBMITTED','APPROVED','ISSUED','REJECTED')),
    rejection_reason text,
    registrar_id    bigint references operator(id),
    approver_id     bigint references operator(id),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint four_eyes check (approver_id is null or approver_id <> registrar_id)
);
create index certificate_request_status on certificate_request(centre_id, status);

-- Revision numbers order every status change, for delta CRLs and for responder cache invalidation.
create sequence certificate_revision;

create table certificate (
    ca_id               int not null references ca(id),
    serial              numeric(50,0) not null check (serial > 0),
    -- PENDING: recorded, linted, not yet signed; the TBS bytes are kept so a crash leaves evidence.
    status              text not null check (status in ('PENDING','GOOD','REVOKED','HOLD')),
    revision            bigint not null default nextval('certificate_revision'),
    subject_dn          text not null,
    not_before          timestamptz not null,
    not_after           timestamptz not null,
    profile             text not null,
    requester           text not null,
    applicant_id        bigint references applicant(id),
    organisation_id     bigint references organisation(id),
    request_id          bigint references certificate_request(id),
    pinfl               char(14),
    stir                char(9),
    public_key_sha256   bytea not null,
    tbs                 bytea not null,
    der                 bytea,
    sha256              bytea unique,
    revoked_at          timestamptz,
    revocation_reason   smallint check (revocation_reason between 0 and 10 and revocation_reason <> 7),
    invalidity_date     timestamptz,
    created_at          timestamptz not null default now(),
    issued_at           timestamptz,
    primary key (ca_id, serial),
    constraint issued_has_der check (status = 'PENDING' or (der is not null and sha256 is not null and issued_at is not null)),
    constraint revoked_has_time check (status not in ('REVOKED','HOLD') or revoked_at is not null)
);
create index certificate_revoked on certificate(ca_id, revision) where status in ('REVOKED','HOLD');
create index certificate_revision_idx on certificate(ca_id, revision);
create index certificate_pinfl on certificate(pinfl);
create index certificate_stir on certificate(stir);
create index certificate_not_after on certificate(not_after) where status = 'GOOD';
-- A key may back only one live certificate: refuse re-use of a public key while that certificate lives.
create index certificate_public_key on certificate(public_key_sha256);

create table crl (
    ca_id           int not null references ca(id),
    crl_number      numeric(40,0) not null,
    base_crl_number numeric(40,0),
    this_update     timestamptz not null,
    next_update     timestamptz not null,
    max_revision    bigint not null,
    entries         int not null,
    der             bytea not null,
    created_at      timestamptz not null default now(),
    primary key (ca_id, crl_number)
);

-- Append-only: the application role gets INSERT and SELECT only (issue 7 adds the hash chain check).
create table audit_event (
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    actor       text not null,
    action      text not null,
    outcome     text not null check (outcome in ('SUCCESS','FAILURE')),
    target      text,
    details     jsonb not null default '{}'::jsonb,
    prev_hash   bytea,
    hash        bytea not null
);
create index audit_event_target on audit_event(target);
create index audit_event_at on audit_event(at);

create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_no_update before update or delete or truncate on audit_event
    for each statement execute function audit_event_is_append_only();

-- Registration: what the RA records about a request beyond V1, document scans, enrollment codes, API tokens.

alter table certificate_request
    add column applicant_type      text,
    add column representative      boolean not null default false,
    add column power_of_attorney   text,
    add column submitted_at        timestamptz,
    add column decided_at          timestamptz,
    add column issued_ca_id        int references ca(id),
    add column issued_serial       numeric(50,0),
    -- Form replays: a second submission with the same token is refused instead of creating a twin request.
    add column form_token          uuid unique;

alter table operator
    add column totp_confirmed boolean not null default false,
    add column last_sign_in   timestamptz,
    -- The last TOTP step accepted: a code is good once, even inside its 30 s window.
    add column totp_last_step bigint not null default 0;

create table document_scan (
    id              bigint generated always as identity primary key,
    request_id      bigint not null references certificate_request(id),
    kind            text not null check (kind in ('PASSPORT','ID_CARD','POWER_OF_ATTORNEY','COMPANY_DOCUMENT','OTHER')),
    content_type    text not null check (content_type in ('application/pdf','image/jpeg','image/png')),
    size_bytes      int not null check (size_bytes > 0 and size_bytes <= 5242880),
    sha256          bytea not null,
    -- AES-GCM under the personal-data key: scans of passports are personal data.
    content_enc     bytea not null,
    uploaded_by     bigint references operator(id),
    created_at      timestamptz not null default now()
);
create index document_scan_request on document_scan(request_id);

-- A reference and a one-time secret handed to the applicant for protocol enrollment (CMP), with expiry.
create table enrollment_code (
    reference       text primary key,
    request_id      bigint not null references certificate_request(id),
    -- The secret keys a CMP MAC (PBM), so the server needs it back: sealed, not hashed.
    secret_enc      bytea not null,
    expires_at      timestamptz not null,
    used_at         timestamptz,
    created_by      bigint references operator(id),
    created_at      timestamptz not null default now()
);

-- Integrators authenticate with a bearer token that acts as one operator account (its centre and roles).
create table api_token (
    id              bigint generated always as identity primary key,
    name            text not null unique,
    operator_id     bigint not null references operator(id),
    token_sha256    bytea not null unique,
    revoked         boolean not null default false,
    created_at      timestamptz not null default now()
);

create index applicant_surname on applicant(lower(surname));
create index certificate_request_applicant on certificate_request(applicant_id);

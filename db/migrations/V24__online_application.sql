-- Apply online (issue 21): the applicant's own application, kept apart from certificate_request until a registrar
-- of the chosen centre has checked the person against their documents. Only then does it become an ordinary request
-- (origin ONLINE) with its REGISTERED snapshot, four eyes and issuance unchanged.

alter table certificate_request
    add column origin text not null default 'CENTRE' check (origin in ('CENTRE', 'ONLINE'));

create table online_application (
    id                     bigint generated always as identity primary key,
    -- Short, readable and unguessable: the applicant types it at the centre and on the tracking page.
    reference              text not null unique check (reference ~ '^A-[A-Z2-9]{5}-[A-Z2-9]{5}$'),
    -- The one-time tracking secret is shown once; only its SHA-256 is kept.
    tracking_secret_sha256 bytea not null,
    centre_id              bigint not null references service_centre(id),
    status                 text not null default 'RECEIVED' check (status in ('RECEIVED', 'CONFIRMED', 'STOPPED')),
    language               text not null check (language in ('uz', 'ru', 'en')),
    -- What the applicant typed, checked by ApplicationCheck exactly like the registrar's form.
    applicant_type         text not null,
    surname                text not null,
    given_name             text not null,
    patronymic             text,
    birth_date             date not null,
    sex                    char(1) not null check (sex in ('M', 'F')),
    pinfl                  char(14) not null check (pinfl ~ '^[0-9]{14}$'),
    document_type          text not null check (document_type in ('PASSPORT', 'ID_CARD')),
    -- Sealed under the personal-data key, as applicant.document_number_enc; the masked form is for lists.
    document_number_enc    bytea not null,
    document_masked        text not null,
    personal_stir          char(9),
    region                 text,
    district               text,
    phone                  text not null,
    email                  text not null,
    organisation_stir      char(9),
    organisation_name      text,
    legal_form             text,
    position_title         text,
    representative         boolean not null default false,
    power_of_attorney      text,
    key_option             text not null check (key_option in ('CSR', 'SERVER_KEY', 'BROWSER_KEY')),
    -- Rate limiting per client without keeping the address itself.
    client_sha256          bytea not null,
    request_id             bigint unique references certificate_request(id),
    confirmed_by           bigint references operator(id),
    confirmed_at           timestamptz,
    -- The last status the applicant was told about by e-mail; a sweep sends what changed since.
    notified_status        text,
    -- The one-time code for collecting the certificate, mailed to the applicant: its SHA-256, expiry and misses.
    code_sha256            bytea,
    code_expires_at        timestamptz,
    code_sent_at           timestamptz,
    code_failures          int not null default 0,
    -- The e-mail address confirmed by a one-time code mailed at application time (its SHA-256, expiry and misses).
    email_code_sha256      bytea,
    email_code_expires_at  timestamptz,
    email_code_failures    int not null default 0,
    email_confirmed_at     timestamptz,
    -- The MyID verification session under way, if any; its job id and result go to the audit, never a photo.
    myid_session_id        text,
    -- Why an application was stopped (the MyID person's data differ from the application), as a refusal code.
    stopped_code           text,
    created_at             timestamptz not null default now(),
    constraint confirmed_has_request check (status <> 'CONFIRMED' or request_id is not null)
);
create index online_application_queue on online_application(centre_id, status, created_at);
create index online_application_pinfl on online_application(pinfl);
create index online_application_email on online_application(lower(email), created_at);
create index online_application_phone on online_application(phone, created_at);
create index online_application_client on online_application(client_sha256, created_at);

-- Remote identity confirmation by MyID (biometric comparison with the state register). Which applicant types of a
-- centre may finish remotely; individuals only unless the centre says otherwise.
alter table service_centre
    add column remote_identity_types text[] not null default array['INDIVIDUAL']::text[];


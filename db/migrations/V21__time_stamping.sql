-- Time-stamp authority (docs/tsa.md). The TSA files its key's certificate request in responder_certificate like an
-- OCSP responder does; purpose tells the CA side which profile to certify it with.
alter table responder_certificate add column purpose text not null default 'OCSP'
    check (purpose in ('OCSP', 'TSA'));

-- Every time-stamp token the TSA signed, written before the reply leaves (group commit): auditors can answer
-- "did we issue this token" from the serial, the time or the imprint alone.
create table timestamp_token (
    serial              numeric(40,0) primary key,
    gen_time            timestamptz not null,
    policy              text not null,
    imprint_algorithm   text not null,
    imprint             bytea not null,
    nonce               bytea,
    tsa                 text not null,
    signer_serial       numeric(50,0) not null,
    recorded_at         timestamptz not null default now()
);
create index timestamp_token_gen_time on timestamp_token(gen_time);
create index timestamp_token_imprint on timestamp_token(imprint);

-- The TSA (responder role) appends; nobody rewrites: the default privileges of V10 gave the application more.
grant select, insert on timestamp_token to eimzo_responder;
revoke insert, update, delete on timestamp_token from eimzo_app;

-- OCSP responder and CRL support (issue 4).

-- A certificate released from hold must appear in the next delta CRL as removeFromCRL, while a newly issued
-- good certificate must not: remember the release. The trigger keeps this true whoever updates the row.
alter table certificate add column released_from_hold boolean not null default false;

create or replace function certificate_note_hold_release() returns trigger language plpgsql as $$
begin
    if old.status = 'HOLD' and new.status = 'GOOD' then
        new.released_from_hold := true;
    elsif new.status in ('HOLD', 'REVOKED') then
        new.released_from_hold := false;
    end if;
    return new;
end $$;
create trigger certificate_hold_release before update of status on certificate
    for each row execute function certificate_note_hold_release();

create index certificate_released on certificate(ca_id, revision) where released_from_hold;

-- Delegated OCSP signing certificates. The responder generates its key in its own storage (PKCS#12 or PKCS#11)
-- and files a PKCS#10 request here; the CA side certifies it (id-kp-OCSPSigning, ocsp-nocheck, short validity)
-- and writes the certificate back. The responder role needs SELECT everywhere plus INSERT/UPDATE on this table.
create table responder_certificate (
    id              bigint generated always as identity primary key,
    ca_id           int not null references ca(id),
    responder       text not null,
    key_alias       text not null,
    csr             bytea not null,
    status          text not null default 'REQUESTED' check (status in ('REQUESTED','ISSUING','ISSUED','REJECTED','ABANDONED')),
    certificate     bytea,
    serial          numeric(50,0),
    not_after       timestamptz,
    rejection       text,
    requested_at    timestamptz not null default now(),
    issued_at       timestamptz,
    unique (responder, key_alias),
    constraint issued_has_certificate check (status <> 'ISSUED' or (certificate is not null and not_after is not null))
);
create index responder_certificate_requested on responder_certificate(status) where status = 'REQUESTED';
create index responder_certificate_current on responder_certificate(responder, ca_id, not_after) where status = 'ISSUED';

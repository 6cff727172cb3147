-- Approved means frozen. A request carries the identity it will certify as an insert-only snapshot, fixed when it is
-- registered, again when it is submitted and again when a supervisor approves it; issuance signs the snapshot, never
-- the person or organisation row, which a later registration (of any centre) may move to a new version.

-- The person and the organisation rows are the CURRENT version, used by new requests only.
alter table applicant
    add column version           int not null default 1 check (version > 0),
    add column changed_at        timestamptz,
    add column changed_by        bigint references operator(id),
    add column changed_centre_id bigint references service_centre(id);

alter table organisation
    add column version           int not null default 1 check (version > 0),
    add column centre_id         bigint references service_centre(id),
    add column changed_at        timestamptz,
    add column changed_by        bigint references operator(id),
    add column changed_centre_id bigint references service_centre(id);

create table request_snapshot (
    request_id           bigint not null references certificate_request(id),
    stage                text not null check (stage in ('REGISTERED','SUBMITTED','APPROVED')),
    applicant_id         bigint not null references applicant(id),
    applicant_version    int not null,
    organisation_id      bigint references organisation(id),
    organisation_version int,
    applicant_type       text not null,
    profile              text not null,
    -- Every attribute of the subject DN, as it will be signed.
    surname              text not null,
    given_name           text not null,
    patronymic           text,
    pinfl                text not null,
    personal_stir        text,
    region               text,
    district             text,
    organisation_stir    text,
    organisation_name    text,
    legal_form           text,
    position_title       text,
    representative       boolean not null,
    power_of_attorney    text,
    -- The documents seen: the identity document (masked, as everywhere outside its sealed column) and the scans
    -- attached when the stage was fixed, one "id kind sha256-hex" line each, by id.
    document_type        text not null,
    document_masked      text not null,
    -- The full number, sealed like applicant.document_number_enc; kept by the REGISTERED row only.
    document_number_enc  bytea,
    scans                text not null,
    -- SHA-256 of the identity alone (equal in every stage of one request) and of identity plus scans.
    identity_sha256      bytea not null,
    sha256               bytea not null,
    fixed_by             text not null,
    centre_id            bigint references service_centre(id),
    fixed_at             timestamptz not null default now(),
    primary key (request_id, stage)
);

-- The canonical text the hashes are taken over; RequestSnapshot.canonicalIdentity() in ca-core writes the same.
-- One "key=value" line per field; backslash and newline escaped, null written as \N.
create function snapshot_field(k text, v text) returns text language sql immutable as $$
    select k || '=' || coalesce(replace(replace(v, E'\\', E'\\\\'), E'\n', E'\\n'), E'\\N') || E'\n'
$$;

create function request_snapshot_identity(s request_snapshot) returns text language sql stable as $$
    select snapshot_field('applicant_id', s.applicant_id::text)
        || snapshot_field('applicant_version', s.applicant_version::text)
        || snapshot_field('organisation_id', s.organisation_id::text)
        || snapshot_field('organisation_version', s.organisation_version::text)
        || snapshot_field('applicant_type', s.applicant_type)
        || snapshot_field('profile', s.profile)
        || snapshot_field('surname', s.surname)
        || snapshot_field('given_name', s.given_name)
        || snapshot_field('patronymic', s.patronymic)
        || snapshot_field('pinfl', s.pinfl)
        || snapshot_field('personal_stir', s.personal_stir)
        || snapshot_field('region', s.region)
        || snapshot_field('district', s.district)
        || snapshot_field('organisation_stir', s.organisation_stir)
        || snapshot_field('organisation_name', s.organisation_name)
        || snapshot_field('legal_form', s.legal_form)
        || snapshot_field('position_title', s.position_title)
        || snapshot_field('representative', s.representative::text)
        || snapshot_field('power_of_attorney', s.power_of_attorney)
        || snapshot_field('document_type', s.document_type)
        || snapshot_field('document_masked', s.document_masked)
$$;

-- Requests made before this migration: their snapshots are taken from the person and organisation as they are now.
insert into request_snapshot (request_id, stage, applicant_id, applicant_version, organisation_id, organisation_version,
        applicant_type, profile, surname, given_name, patronymic, pinfl, personal_stir, region, district,
        organisation_stir, organisation_name, legal_form, position_title, representative, power_of_attorney,
        document_type, document_masked, document_number_enc, scans, identity_sha256, sha256, fixed_by, centre_id)
select r.id, stage.name, a.id, 1, o.id, case when o.id is null then null else 1 end,
       coalesce(r.applicant_type, o.applicant_type, 'INDIVIDUAL'), r.profile, a.surname, a.given_name, a.patronymic,
       a.pinfl::text, nullif(a.personal_stir::text, ''), a.region, a.district, o.stir::text, o.name, o.legal_form,
       r.position_title, r.representative, r.power_of_attorney, a.document_type, a.document_number_tail,
       case when stage.name = 'REGISTERED' then a.document_number_enc end,
       case when stage.name = 'REGISTERED' then '' else coalesce((select string_agg(d.id || ' ' || d.kind || ' '
           || encode(d.sha256, 'hex'), E'\n' order by d.id) from document_scan d where d.request_id = r.id), '') end,
       '\x'::bytea, '\x'::bytea, 'V12 migration', r.centre_id
from certificate_request r
join applicant a on a.id = r.applicant_id
left join organisation o on o.id = r.organisation_id
cross join (values ('REGISTERED'), ('SUBMITTED'), ('APPROVED')) as stage(name)
where stage.name = 'REGISTERED'
   or (stage.name = 'SUBMITTED' and (r.status in ('SUBMITTED', 'APPROVED', 'ISSUED') or r.submitted_at is not null))
   or (stage.name = 'APPROVED' and r.status in ('APPROVED', 'ISSUED') and r.approver_id is not null);

update request_snapshot s set
    identity_sha256 = sha256(convert_to(request_snapshot_identity(s), 'UTF8')),
    sha256 = sha256(convert_to(request_snapshot_identity(s) || snapshot_field('scans', s.scans), 'UTF8'));

-- Insert-only: neither the application role nor anyone short of dropping the trigger may change a fixed snapshot.
create function request_snapshot_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'request_snapshot rows are fixed once written';
end $$;
create trigger request_snapshot_no_update before update or delete or truncate on request_snapshot
    for each statement execute function request_snapshot_is_immutable();
revoke update, delete, truncate on request_snapshot from eimzo_app;

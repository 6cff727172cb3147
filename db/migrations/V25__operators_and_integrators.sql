-- Operators and integrators (issue 18).

-- An application saved before it is complete ("save as draft" with fields still empty or wrong): the form as typed,
-- sealed with the personal-data key (it holds names, PINFL and passport numbers), visible to its centre only.
-- It is no request: nothing is checked, snapshotted or signed from it; submitting it goes through the full checks.
create table application_draft (
    id              bigint generated always as identity primary key,
    centre_id       bigint not null references service_centre(id),
    registrar_id    bigint not null references operator(id),
    applicant_type  text not null,
    form_enc        bytea not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index application_draft_centre on application_draft(centre_id, updated_at desc);

-- API tokens made by administrators in the web UI: who made it, until when it works, when it was last used, when
-- it was revoked. Tokens made before (the demo's, a deployment's own inserts) keep working until revoked.
alter table api_token
    add column created_by    bigint references operator(id),
    add column expires_at    timestamptz,
    add column last_used_at  timestamptz,
    add column revoked_at    timestamptz;

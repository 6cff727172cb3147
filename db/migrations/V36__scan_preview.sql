-- Scans waiting for the registrar's decision on the preview page (issue 18): kept where the drafts are, so a preview
-- survives a restart and is seen by every RA node, instead of in one JVM's session. Each row is one uploaded file of
-- one batch, for one request, visible to the operator who uploaded it only; its bytes are sealed with the
-- personal-data key like the scans themselves. Rows past expires_at are deleted by the application (each upload
-- clears the expired ones), and saving or discarding a batch deletes it.
create table scan_preview (
    batch           uuid not null,
    file_index      int not null check (file_index between 0 and 19),
    request_id      bigint not null references certificate_request(id) on delete cascade,
    operator_id     bigint not null references operator(id),
    file_name       text not null,
    declared_type   text,
    content_type    text,
    -- The refusal code of a file that cannot be saved (empty, too large, not what its name says); its bytes are not kept.
    refusal         text,
    size_bytes      int not null check (size_bytes >= 0),
    -- A hard ceiling whatever eimzo.ra.scans.max-file-size says: 64 MiB, plus the seal's few bytes.
    content_enc     bytea check (octet_length(content_enc) <= 67108864 + 1024),
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    primary key (batch, file_index)
);
create index scan_preview_operator on scan_preview(operator_id, created_at);
create index scan_preview_expiry on scan_preview(expires_at);

-- The OCSP responder has no business reading applicants' documents.
revoke all on scan_preview from eimzo_responder;

-- Scans are no longer capped at 5 MB by the schema: eimzo.ra.scans.max-file-size decides (10 MB by default), within
-- the same 64 MiB ceiling as the preview.
alter table document_scan drop constraint document_scan_size_bytes_check;
alter table document_scan add constraint document_scan_size_bytes_check check (size_bytes > 0 and size_bytes <= 67108864);

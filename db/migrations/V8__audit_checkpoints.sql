-- Signed checkpoints of the audit chain: the newest row's id and hash, signed by a CA key at intervals, so that
-- even rows cut off the end of the chain (which a hash chain alone cannot reveal) are detected up to the last
-- checkpoint. Append-only like the log itself.
create table audit_checkpoint (
    id              bigint generated always as identity primary key,
    at              timestamptz not null,
    last_event_id   bigint not null,
    last_hash       bytea not null,
    ca_id           int not null references ca(id),
    signature_algorithm text not null,
    signature       bytea not null
);

create trigger audit_checkpoint_no_update before update or delete or truncate on audit_checkpoint
    for each statement execute function audit_event_is_append_only();

revoke update, delete, truncate on audit_checkpoint from eimzo_app;

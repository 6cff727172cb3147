-- The applications' own database roles. The migration (owner) role keeps DDL; the CA/RA role can write what it
-- must and can never rewrite history: no UPDATE or DELETE on the audit log, even if the trigger were dropped.
-- The responder role reads, and files and collects its own delegated certificates.
-- Roles are cluster-wide; create them once, without passwords (operators set them: ALTER ROLE ... PASSWORD).
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'eimzo_app') then
        create role eimzo_app login;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'eimzo_responder') then
        create role eimzo_responder login;
    end if;
end $$;

grant usage on schema public to eimzo_app, eimzo_responder;

grant select, insert, update, delete on all tables in schema public to eimzo_app;
revoke update, delete, truncate on audit_event from eimzo_app;
grant usage, select on all sequences in schema public to eimzo_app;

grant select on all tables in schema public to eimzo_responder;
grant insert, update on responder_certificate to eimzo_responder;
grant usage, select on all sequences in schema public to eimzo_responder;

-- V7 granted on the tables that existed then, so audit_checkpoint (V8) was out of the application's reach and the
-- checkpoint job failed under eimzo_app. Grant it, and make every table a later migration creates reach the
-- application roles by default (the migration role's default privileges); a migration that must withhold a right
-- revokes it explicitly, as V8 does for updates of checkpoints.
grant select, insert on audit_checkpoint to eimzo_app;
grant select on audit_checkpoint to eimzo_responder;
grant usage, select on all sequences in schema public to eimzo_app, eimzo_responder;

alter default privileges in schema public grant select, insert, update, delete on tables to eimzo_app;
alter default privileges in schema public grant select on tables to eimzo_responder;
alter default privileges in schema public grant usage, select on sequences to eimzo_app, eimzo_responder;

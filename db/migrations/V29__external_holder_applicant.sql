-- Holders of recognised external CAs who renew here through self-service (the migration of existing E-IMZO holders)
-- get an applicant record, so expiry reminders reach them. No centre saw their identity document: theirs stays empty
-- until their first visit to a centre, which records it as a confirmed change of identity. Every other applicant keeps
-- the document the centre checked.
alter table applicant add column registered_by text not null default 'CENTRE'
    check (registered_by in ('CENTRE', 'EXTERNAL_RENEWAL'));
alter table applicant alter column document_type drop not null,
    alter column document_number_enc drop not null,
    alter column document_number_tail drop not null;
alter table applicant add constraint applicant_document_checked_at_a_centre
    check (registered_by = 'EXTERNAL_RENEWAL'
        or (document_type is not null and document_number_enc is not null and document_number_tail is not null));

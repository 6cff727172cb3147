-- The enrollment code's retry rule: a refusal the applicant can fix (key in use, bad proof of possession, bad
-- template) counts one failed attempt instead of spending the code; eimzo.cmp.enrollment-attempts of them spend it.
alter table enrollment_code add column failed_attempts int not null default 0;

-- The overdue-confirmation job looks for open transactions by age.
create index cmp_transaction_open on cmp_transaction (created_at) where confirmed_at is null and rejected_at is null;

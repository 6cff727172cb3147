-- The enrollment code's retry rule: a refusal the applicant can fix (key in use, bad proof of possession, bad
-- template) counts one failed attempt instead of spending the code; eimzo.cmp.enrollment-attempts of them spend it.
alter table enrollment_code add column failed_attempts int not null default 0;

-- Certificates whose certConf never came are now revoked when the confirmation window closes. Transactions from before
-- this rule are left alone: their clients were never told, and their certificates may have been in use for months.
alter table cmp_transaction add column confirmation_due boolean not null default true;
update cmp_transaction set confirmation_due = false;

-- The overdue-confirmation job looks for open transactions by age.
create index cmp_transaction_open on cmp_transaction (created_at)
    where confirmed_at is null and rejected_at is null and confirmation_due;

-- What the certificate is for (issue 21, apply online): the applicant chooses among the certificate policies of their
-- applicant type's profile (e-reporting, e-declarations, payments, exchange trades by default). The choice travels
-- from the online application into the request; issuance signs exactly those policies. Null means every policy of the
-- profile, as requests made at a desk have always carried.

alter table online_application add column purposes text[];
alter table certificate_request add column purposes text[];

-- The supervisor approves what they saw: the purposes may be set once, while the request is a draft or submitted,
-- and are fixed from then on (approval, issuance and any later change are refused here, not only in the code).
create function certificate_request_purposes_fixed() returns trigger language plpgsql as $$
begin
    if new.purposes is distinct from old.purposes
            and (old.purposes is not null or old.status not in ('DRAFT', 'SUBMITTED')) then
        raise exception 'the purposes of a request are fixed once set or approved (request %)', old.id;
    end if;
    return new;
end $$;

create trigger certificate_request_purposes_fixed before update of purposes on certificate_request
    for each row execute function certificate_request_purposes_fixed();

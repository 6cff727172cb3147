-- A certificate enrolled by CMP reaches the applicant through their own client, so the revocation code for a lost
-- key is handed out at the centre together with the enrollment code and passed to the certificate at issuance.
-- Only its SHA-256 is kept, as for certificates.
alter table enrollment_code add column revocation_code_sha256 bytea;

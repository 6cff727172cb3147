-- Certificates of recognised external CAs (the national E-IMZO CA, an incumbent centre) renewed here by their holders
-- through self-service: the migration path. Each renews once, so an old external key cannot keep obtaining new
-- certificates from us after its holder migrated. The row is claimed before signing and completed with the new
-- certificate after; a refused issuance deletes its claim.
create table external_renewal (
    cert_sha256       bytea primary key,
    recognised_ca_id  int not null references recognised_ca(id),
    external_serial   numeric(50,0) not null,
    ca_id             int,
    serial            numeric(50,0),
    claimed_at        timestamptz not null,
    foreign key (ca_id, serial) references certificate(ca_id, serial)
);

-- A request is claimed before its certificate is signed, so two operators (or an operator and a CMP client) issuing
-- the same request at once cannot both get a certificate. A claim left by a node that died expires (see Registrations).
alter table certificate_request add column issuing_since timestamptz;

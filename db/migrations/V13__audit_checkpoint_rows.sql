-- A checkpoint also keeps, signed with the rest, the id and hash of every audit row it covers since the previous
-- checkpoint (first_event_id .. last_event_id): verification then names the first row whose stored hash is not the
-- one signed, even when whoever edited it recomputed the hash chain after it. Rows of 40 octets: 8-octet id, 32-octet
-- SHA-256. Checkpoints made before this migration have neither column and still vouch for their last row.
alter table audit_checkpoint add column first_event_id bigint;
alter table audit_checkpoint add column row_hashes bytea;

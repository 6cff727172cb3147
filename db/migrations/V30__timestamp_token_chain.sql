-- The time-stamp token ledger made tamper-evident the way the audit log is (docs/tsa.md, "Every token accounted
-- for"): every row gets a position (seq) and a hash chained to the row before it, and the audit checkpoints sign the
-- seq and hash of every token row they cover, so verify-audit names a token row that was edited, removed or added
-- even when whoever did it recomputed the chain.

-- One canonical text of a row's content, hashed with the previous row's hash. Defined once, here, and used by the
-- insert trigger, the backfill below and the verification (AuditCheckpoints), so they cannot disagree.
create function timestamp_token_hash(prev bytea, seq bigint, serial numeric, gen_time timestamptz, policy text,
                                     imprint_algorithm text, imprint bytea, nonce bytea, tsa text,
                                     signer_serial numeric, recorded_at timestamptz) returns bytea
    language sql immutable as $$
    select sha256(prev || convert_to(concat_ws('|', seq, serial, extract(epoch from gen_time), policy,
        imprint_algorithm, encode(imprint, 'hex'), coalesce(encode(nonce, 'hex'), '-'), tsa, signer_serial,
        extract(epoch from recorded_at)), 'UTF8'))
$$;

create sequence timestamp_token_seq;
alter table timestamp_token add column seq bigint;
alter table timestamp_token add column prev_hash bytea;
alter table timestamp_token add column hash bytea;

-- Rows written before this migration are chained in the order they were recorded.
do $$
declare
    r record;
    previous bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    next_seq bigint;
begin
    for r in select * from timestamp_token order by recorded_at, serial loop
        next_seq := nextval('timestamp_token_seq');
        update timestamp_token set seq = next_seq, prev_hash = previous,
            hash = timestamp_token_hash(previous, next_seq, r.serial, r.gen_time, r.policy, r.imprint_algorithm,
                r.imprint, r.nonce, r.tsa, r.signer_serial, r.recorded_at)
            where serial = r.serial
            returning hash into previous;
    end loop;
end $$;

alter table timestamp_token alter column seq set not null;
alter table timestamp_token alter column prev_hash set not null;
alter table timestamp_token alter column hash set not null;
create unique index timestamp_token_seq_unique on timestamp_token(seq);

-- Inserts are chained one transaction at a time: the lock is held to the commit, so positions are handed out in
-- commit order and a checkpoint that covers the newest visible position never skips a row committed later. The TSA's
-- group commit makes that one lock per batch of tokens, not per token.
create function timestamp_token_chain() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('timestamp_token'));
    new.seq := nextval('timestamp_token_seq');
    new.recorded_at := coalesce(new.recorded_at, now());
    new.prev_hash := coalesce((select t.hash from timestamp_token t order by t.seq desc limit 1),
        '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    new.hash := timestamp_token_hash(new.prev_hash, new.seq, new.serial, new.gen_time, new.policy,
        new.imprint_algorithm, new.imprint, new.nonce, new.tsa, new.signer_serial, new.recorded_at);
    return new;
end $$;
create trigger timestamp_token_chain before insert on timestamp_token
    for each row execute function timestamp_token_chain();

-- Append-only like the audit log, for every role (the grants of V21 already keep the applications from rewriting).
create function timestamp_token_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'timestamp_token is append-only';
end $$;
create trigger timestamp_token_no_update before update or delete or truncate on timestamp_token
    for each statement execute function timestamp_token_is_append_only();

-- The checkpoint also signs the seq and hash of every token row since the previous one (rows of 40 octets: 8-octet
-- seq, 32-octet SHA-256), like row_hashes for audit rows. Null in checkpoints that cover no token.
alter table audit_checkpoint add column first_token_seq bigint;
alter table audit_checkpoint add column last_token_seq bigint;
alter table audit_checkpoint add column token_hashes bytea;

-- compliance: the audit entries committed but not yet linked into the hash chain. Written with the
-- entry (same transaction), removed as the linker links it: the linker reads this small table
-- instead of searching the entries for ones without a link, which grew slower with the trail.
create table compliance_audit_pending (
    entry_id bigint primary key
);
insert into compliance_audit_pending (entry_id)
    select e.id from compliance_audit_entry e
    where not exists (select 1 from compliance_audit_link l where l.entry_id = e.id);

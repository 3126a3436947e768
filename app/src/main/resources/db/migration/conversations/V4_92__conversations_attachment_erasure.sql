-- conversations: attachments erased with their customer (or expired with their case) keep their
-- row (the message still shows that a file was there) but lose their name and bytes. The file is
-- deleted once no other attachment shares it; sha256 is cleared when it is gone.
alter table conversations_attachment add column erased_at timestamp with time zone;
alter table conversations_attachment alter column sha256 drop not null;
create index conversations_attachment_sha on conversations_attachment(sha256);

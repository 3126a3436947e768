-- conversations: what threads a message on its network (its external id, e.g. an email's
-- Message-ID), who it came from there, and why a reply could not be delivered.
alter table conversations_message add column external_id varchar(1000);
alter table conversations_message add column author_address varchar(320);
alter table conversations_message add column delivery_error varchar(1000);
alter table conversations_message add column inbound_id bigint;
create index conversations_message_external on conversations_message(external_id);
create unique index conversations_message_inbound on conversations_message(inbound_id);

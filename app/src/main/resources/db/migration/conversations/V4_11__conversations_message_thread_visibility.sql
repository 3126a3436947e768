-- The network's thread of a message (a private conversation's id), so a later message of the same
-- private conversation reuses its open case; and whether a reply went out publicly or privately.
alter table conversations_message add column thread_id varchar(1000);
alter table conversations_message add column public_reply boolean;
create index conversations_message_thread on conversations_message(thread_id);

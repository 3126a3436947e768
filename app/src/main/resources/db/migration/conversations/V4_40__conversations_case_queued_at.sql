-- conversations: when a case last entered a queue unassigned (routing's waiting time, overflow).
alter table conversations_case add column queued_at timestamp with time zone;
update conversations_case set queued_at = created_at where queue_id is not null and assignee_id is null;
create index conversations_case_queued on conversations_case(queue_id, queued_at);

-- channels: an outbox entry a gate held and a person released is not held again.
alter table channels_outbox add column approved boolean default false not null;

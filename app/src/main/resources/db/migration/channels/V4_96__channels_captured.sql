-- channels: listened posts whose cases were captured (opened as the least a case can be) and not
-- yet completed. A row is the announcement still owed to the post's listeners: written with the
-- case, deleted in the transaction in which they complete it, so a crash in between delays it and
-- never loses it. The post itself is its inbound record's payload.
create table channels_captured (
    inbound_id bigint primary key,
    account_id bigint not null,
    brand_id bigint not null,
    channel_type varchar(30) not null,
    confirm_receipt boolean not null,
    classification varchar not null,
    captured_at timestamp with time zone not null,
    attempts int default 0 not null,
    retry_at timestamp with time zone,
    last_error varchar(1000)
);

-- routing: queues of a brand, their members, and where round-robin assignment left off.
create sequence routing_queue_seq start with 1 increment by 50;
create table routing_queue (
    id bigint primary key,
    brand_id bigint not null,
    name varchar(100) not null,
    auto_assign boolean not null,
    is_default boolean not null,
    last_assigned_user_id bigint,
    created_at timestamp with time zone not null,
    constraint routing_queue_name unique (brand_id, name)
);
create table routing_queue_member (
    queue_id bigint not null references routing_queue(id),
    user_id bigint not null,
    primary key (queue_id, user_id)
);
create index routing_queue_member_user on routing_queue_member(user_id);

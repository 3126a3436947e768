-- routing: assignment policy, overflow and hand-back per queue; one row per agent (locked while a
-- case is given to them, so capacity holds across threads and nodes); skills and capacities.
alter table routing_queue add column policy varchar(20) not null default 'ROUND_ROBIN';
alter table routing_queue add column overflow_queue_id bigint;
alter table routing_queue add column overflow_after_seconds integer;
alter table routing_queue add column handback varchar(20) not null default 'NOT_STARTED';

create table routing_agent (
    user_id bigint primary key,
    last_assigned_at timestamp with time zone
);

create table routing_agent_skill (
    user_id bigint not null,
    brand_id bigint not null,
    name varchar(60) not null,
    proficiency integer,
    primary key (user_id, brand_id, name)
);
create index routing_agent_skill_brand on routing_agent_skill(brand_id, name);

-- Cases of one channel type an agent may hold at once; agent rows override their brand's.
create table routing_brand_capacity (
    brand_id bigint not null,
    channel_type varchar(40) not null,
    max_cases integer not null check (max_cases >= 0),
    primary key (brand_id, channel_type)
);
create table routing_agent_capacity (
    user_id bigint not null,
    channel_type varchar(40) not null,
    max_cases integer not null check (max_cases >= 0),
    primary key (user_id, channel_type)
);

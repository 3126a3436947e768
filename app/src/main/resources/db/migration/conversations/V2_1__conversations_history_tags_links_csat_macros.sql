-- conversations: case history, tags, links, merge, CSAT, queues (owned by routing, referenced by id), macros.
alter table conversations_case add column queue_id bigint;
alter table conversations_case add column merged_into_id bigint;
alter table conversations_case add column csat_score int;
alter table conversations_case add column csat_comment varchar(2000);
alter table conversations_case add column csat_token_hash varchar(64);
alter table conversations_case add column csat_at timestamp with time zone;
create index conversations_case_queue on conversations_case(queue_id, status);

alter table conversations_message add column delivery_status varchar(20);
alter table conversations_message add column moved_to_case_id bigint;

create table conversations_case_tag (
    case_id bigint not null references conversations_case(id),
    tag varchar(60) not null,
    primary key (case_id, tag)
);
create index conversations_case_tag_tag on conversations_case_tag(tag);

create table conversations_case_link (
    case_id bigint not null references conversations_case(id),
    related_case_id bigint not null references conversations_case(id),
    created_at timestamp with time zone not null,
    primary key (case_id, related_case_id)
);

create sequence conversations_case_event_seq start with 1 increment by 50;
create table conversations_case_event (
    id bigint primary key,
    case_id bigint not null references conversations_case(id),
    actor_user_id bigint,
    at timestamp with time zone not null,
    kind varchar(40) not null,
    before_value varchar(2000),
    after_value varchar(2000)
);
create index conversations_case_event_case on conversations_case_event(case_id, at);

create sequence conversations_macro_seq start with 1 increment by 50;
create table conversations_macro (
    id bigint primary key,
    name varchar(100) not null,
    body varchar(10000) not null,
    set_status varchar(30),
    owner_user_id bigint,
    created_at timestamp with time zone not null
);

-- conversations: cases and the messages on them. Other modules' rows are referenced by id only.
create sequence conversations_case_seq start with 1 increment by 50;
create sequence conversations_message_seq start with 1 increment by 50;

create table conversations_case_counter (
    brand_id bigint primary key,
    next_number bigint not null
);

create table conversations_case (
    id bigint primary key,
    brand_id bigint not null,
    number bigint not null,
    reference varchar(40) not null unique,
    subject varchar(300) not null,
    status varchar(30) not null,
    priority varchar(20) not null,
    customer_id bigint,
    channel_account_id bigint,
    channel_type varchar(30) not null,
    assignee_id bigint,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    first_response_at timestamp with time zone,
    solved_at timestamp with time zone,
    version bigint not null default 0,
    constraint conversations_case_brand_number unique (brand_id, number)
);
create index conversations_case_status on conversations_case(status, updated_at);
create index conversations_case_assignee on conversations_case(assignee_id, status);
create index conversations_case_customer on conversations_case(customer_id);

create table conversations_message (
    id bigint primary key,
    case_id bigint not null references conversations_case(id),
    kind varchar(20) not null,
    author_customer_id bigint,
    author_user_id bigint,
    body varchar not null,
    created_at timestamp with time zone not null
);
create index conversations_message_case on conversations_message(case_id, created_at);

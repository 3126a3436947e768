-- integration: the back-office system's HTTP mapping (one row), agents' phone extensions, calls.
create table integration_backoffice (
    id bigint primary key,
    enabled boolean not null,
    base_url varchar(500),
    orders_path varchar(500),
    order_path varchar(500),
    asset_path varchar(500),
    orders_pointer varchar(200),
    number_pointer varchar(200),
    status_pointer varchar(200),
    placed_at_pointer varchar(200),
    items_pointer varchar(200),
    item_name_pointer varchar(200),
    email_pointer varchar(200),
    phone_pointer varchar(200),
    warranty_end_pointer varchar(200),
    connect_timeout_ms int not null,
    read_timeout_ms int not null,
    budget_ms int not null,
    cache_seconds int not null,
    updated_at timestamp with time zone not null
);

create table integration_agent_extension (
    user_id bigint primary key,
    extension varchar(20) not null,
    constraint integration_agent_extension_unique unique (extension)
);

create sequence integration_call_seq start with 1 increment by 50;
create table integration_call (
    id bigint primary key,
    call_id varchar(200) not null,
    caller varchar(40),
    caller_e164 varchar(20),
    callee varchar(40),
    extension varchar(20),
    agent_user_id bigint,
    customer_id bigint,
    case_id bigint,
    state varchar(20) not null,
    ringing_at timestamp with time zone not null,
    answered_at timestamp with time zone,
    ended_at timestamp with time zone,
    logged boolean not null,
    constraint integration_call_unique unique (call_id)
);
create index integration_call_agent on integration_call(agent_user_id, ringing_at);

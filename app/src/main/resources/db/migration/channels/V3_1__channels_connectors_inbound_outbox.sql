-- channels: connector settings and health on the account, the inbound record (one row per message
-- and account, the idempotency guard) and the transactional outbox.
alter table channels_account add column settings varchar(8000);
alter table channels_account add column secrets varchar(8000);
alter table channels_account add column signature_tags boolean default true not null;
alter table channels_account add column poll_cursor varchar(1000);
alter table channels_account add column poll_lease_until timestamp with time zone;
alter table channels_account add column next_poll_at timestamp with time zone;
alter table channels_account add column last_poll_at timestamp with time zone;
alter table channels_account add column last_success_at timestamp with time zone;
alter table channels_account add column last_error_at timestamp with time zone;
alter table channels_account add column last_error varchar(1000);
alter table channels_account add column rate_limited_until timestamp with time zone;

create sequence channels_inbound_seq start with 1 increment by 50;
create table channels_inbound (
    id bigint primary key,
    account_id bigint not null references channels_account(id),
    external_id varchar(1000) not null,
    received_at timestamp with time zone not null,
    sent_at timestamp with time zone,
    author varchar(320),
    subject varchar(300),
    status varchar(20) not null,
    reason varchar(1000),
    payload varchar,
    constraint channels_inbound_unique unique (account_id, external_id)
);
create index channels_inbound_account_status on channels_inbound(account_id, status, received_at);

create sequence channels_outbox_seq start with 1 increment by 50;
create table channels_outbox (
    id bigint primary key,
    account_id bigint not null references channels_account(id),
    idempotency_key varchar(200) not null unique,
    source_ref varchar(100),
    status varchar(20) not null,
    payload varchar not null,
    attempts int not null,
    next_attempt_at timestamp with time zone not null,
    lease_until timestamp with time zone,
    external_id varchar(1000),
    last_error varchar(1000),
    created_at timestamp with time zone not null,
    sent_at timestamp with time zone
);
create index channels_outbox_due on channels_outbox(status, next_attempt_at);

-- Agents granted an account (none listed: every agent of the brand may answer through it).
create table channels_account_agent (
    account_id bigint not null references channels_account(id),
    user_id bigint not null,
    primary key (account_id, user_id)
);

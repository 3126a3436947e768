-- channels: the brand-owned accounts through which customers reach us.
create sequence channels_account_seq start with 1 increment by 50;

create table channels_account (
    id bigint primary key,
    brand_id bigint not null,
    type varchar(30) not null,
    name varchar(200) not null,
    address varchar(320) not null,
    active boolean not null,
    created_at timestamp with time zone not null,
    constraint channels_account_unique unique (type, address)
);

-- customers: people and organizations we serve, with their contact points and social identities.
create sequence customers_organization_seq start with 1 increment by 50;
create sequence customers_customer_seq start with 1 increment by 50;
create sequence customers_social_identity_seq start with 1 increment by 50;

create table customers_organization (
    id bigint primary key,
    name varchar(200) not null,
    domain varchar(200),
    tier varchar(20) not null,
    created_at timestamp with time zone not null
);

create table customers_customer (
    id bigint primary key,
    display_name varchar(200) not null,
    organization_id bigint references customers_organization(id),
    language varchar(20),
    tier varchar(20) not null,
    notes varchar(4000),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    version bigint not null default 0
);
create index customers_customer_name on customers_customer(display_name);

create table customers_email (
    customer_id bigint not null references customers_customer(id),
    position int not null,
    address varchar(320) not null,
    verified boolean not null,
    primary key (customer_id, position)
);
create index customers_email_address on customers_email(address);

create table customers_phone (
    customer_id bigint not null references customers_customer(id),
    position int not null,
    number varchar(40) not null,
    verified boolean not null,
    primary key (customer_id, position)
);
create index customers_phone_number on customers_phone(number);

create table customers_address (
    customer_id bigint not null references customers_customer(id),
    position int not null,
    line1 varchar(300) not null,
    line2 varchar(300),
    city varchar(120),
    region varchar(120),
    postal_code varchar(20),
    country varchar(2),
    primary key (customer_id, position)
);

create table customers_social_identity (
    id bigint primary key,
    customer_id bigint not null references customers_customer(id),
    network varchar(30) not null,
    external_id varchar(200) not null,
    handle varchar(200),
    display_name varchar(200),
    profile_url varchar(1000),
    bio varchar(2000),
    follower_count bigint,
    created_at timestamp with time zone not null,
    constraint customers_social_identity_unique unique (network, external_id)
);
create index customers_social_identity_customer on customers_social_identity(customer_id);

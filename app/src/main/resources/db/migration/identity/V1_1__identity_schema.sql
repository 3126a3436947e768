-- identity: the company, its brands, users, invitations and personal API tokens.
create sequence identity_brand_seq start with 1 increment by 50;
create sequence identity_user_seq start with 1 increment by 50;
create sequence identity_invitation_seq start with 1 increment by 50;
create sequence identity_api_token_seq start with 1 increment by 50;

create table identity_brand (
    id bigint primary key,
    code varchar(32) not null unique,
    name varchar(200) not null,
    case_prefix varchar(16) not null unique,
    created_at timestamp with time zone not null
);

create table identity_user (
    id bigint primary key,
    username varchar(100) not null unique,
    display_name varchar(200) not null,
    email varchar(320) not null unique,
    password_hash varchar(200),
    role varchar(20) not null,
    locale varchar(20),
    signature varchar(40),
    active boolean not null,
    created_at timestamp with time zone not null,
    deactivated_at timestamp with time zone,
    version bigint not null default 0
);

create table identity_user_brand (
    user_id bigint not null references identity_user(id),
    brand_id bigint not null references identity_brand(id),
    primary key (user_id, brand_id)
);

create table identity_invitation (
    id bigint primary key,
    user_id bigint not null references identity_user(id),
    token_hash varchar(64) not null unique,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    accepted_at timestamp with time zone
);

create table identity_api_token (
    id bigint primary key,
    user_id bigint not null references identity_user(id),
    name varchar(100) not null,
    token_hash varchar(64) not null unique,
    token_prefix varchar(16) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone
);
create index identity_api_token_user on identity_api_token(user_id);

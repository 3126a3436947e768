-- customers: funnel stage, CRM link and merges; phones in E.164 for lookups; assets and purchases;
-- scored candidates offered to agents; merges with the snapshot that lets them be undone exactly.
alter table customers_customer add column stage varchar(20) default 'CONTACT' not null;
alter table customers_customer add column crm_ref varchar(100);
alter table customers_customer add column merged_into_id bigint;
create index customers_customer_crm on customers_customer(crm_ref);
create index customers_customer_merged on customers_customer(merged_into_id);

alter table customers_phone add column e164 varchar(20);
create index customers_phone_e164 on customers_phone(e164);

create sequence customers_asset_seq start with 1 increment by 50;
create table customers_asset (
    id bigint primary key,
    customer_id bigint not null references customers_customer(id),
    product varchar(200) not null,
    serial_number varchar(100) not null,
    order_number varchar(100),
    purchase_date date not null,
    channel varchar(100),
    warranty_end date,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint customers_asset_serial unique (serial_number)
);
create index customers_asset_customer on customers_asset(customer_id);
create index customers_asset_order on customers_asset(order_number);

create sequence customers_candidate_seq start with 1 increment by 50;
create table customers_candidate (
    id bigint primary key,
    customer_id bigint not null references customers_customer(id),
    candidate_id bigint not null references customers_customer(id),
    score int not null,
    reasons varchar(1000) not null,
    status varchar(20) not null,
    created_at timestamp with time zone not null,
    decided_at timestamp with time zone,
    decided_by bigint,
    constraint customers_candidate_pair unique (customer_id, candidate_id)
);
create index customers_candidate_candidate on customers_candidate(candidate_id);

create sequence customers_merge_seq start with 1 increment by 50;
create table customers_merge (
    id bigint primary key,
    source_id bigint not null references customers_customer(id),
    target_id bigint not null references customers_customer(id),
    snapshot varchar not null,
    merged_at timestamp with time zone not null,
    merged_by bigint,
    unmerged_at timestamp with time zone,
    unmerged_by bigint
);
create index customers_merge_source on customers_merge(source_id);
create index customers_merge_target on customers_merge(target_id);

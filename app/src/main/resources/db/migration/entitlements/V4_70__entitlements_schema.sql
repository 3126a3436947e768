-- entitlements: service tiers with their SLA policy, contracts giving customers a tier, business
-- hours and holidays per brand, SLA clocks on cases and the alerts they raised.
-- Sequences start above the seeded rows.
create sequence entitlements_tier_seq start with 1000 increment by 50;
create sequence entitlements_contract_seq start with 1 increment by 50;
create sequence entitlements_holiday_seq start with 1 increment by 50;
create sequence entitlements_sla_clock_seq start with 1 increment by 50;
create sequence entitlements_alert_seq start with 1 increment by 50;

create table entitlements_tier (
    id bigint primary key,
    code varchar(30) not null,
    name varchar(100) not null,
    rank_order int not null,
    is_default boolean not null,
    around_the_clock boolean not null,
    first_response_minutes int,
    next_response_minutes int,
    resolution_minutes int,
    warn_percent int,
    warn_minutes_before int,
    notify_on_breach boolean not null,
    breach_priority varchar(10),
    breach_queue_id bigint,
    breach_assignee_id bigint,
    route_queue_id bigint,
    created_at timestamp with time zone not null,
    version bigint not null default 0,
    constraint entitlements_tier_code unique (code)
);

-- Targets for one priority that differ from the tier's (minutes; null: the tier's own).
create table entitlements_tier_target (
    tier_id bigint not null references entitlements_tier(id),
    priority varchar(10) not null,
    first_response_minutes int,
    next_response_minutes int,
    resolution_minutes int,
    primary key (tier_id, priority)
);

create table entitlements_contract (
    id bigint primary key,
    customer_id bigint not null,
    tier_id bigint not null references entitlements_tier(id),
    name varchar(120) not null,
    starts_on date not null,
    ends_on date,
    created_at timestamp with time zone not null,
    created_by bigint
);
create index entitlements_contract_customer on entitlements_contract(customer_id);

create table entitlements_business_hours (
    brand_id bigint primary key,
    time_zone varchar(60) not null,
    updated_at timestamp with time zone not null,
    version bigint not null default 0
);

create table entitlements_business_interval (
    brand_id bigint not null references entitlements_business_hours(brand_id),
    day_of_week int not null,
    start_minute int not null,
    end_minute int not null,
    primary key (brand_id, day_of_week, start_minute)
);

create table entitlements_holiday (
    id bigint primary key,
    brand_id bigint not null,
    holiday_date date not null,
    name varchar(120) not null,
    constraint entitlements_holiday_day unique (brand_id, holiday_date)
);

-- One clock per case and metric. remaining_seconds is the business time left at resumed_at
-- (negative once overdue); due_at and warn_at are set while the clock runs.
create table entitlements_sla_clock (
    id bigint primary key,
    case_id bigint not null,
    brand_id bigint not null,
    tier_id bigint not null,
    metric varchar(20) not null,
    state varchar(10) not null,
    target_minutes int not null,
    started_at timestamp with time zone not null,
    resumed_at timestamp with time zone,
    remaining_seconds bigint not null,
    due_at timestamp with time zone,
    warn_at timestamp with time zone,
    warned_at timestamp with time zone,
    breached_at timestamp with time zone,
    escalated_at timestamp with time zone,
    met_at timestamp with time zone,
    version bigint not null default 0,
    constraint entitlements_sla_clock_metric unique (case_id, metric)
);
create index entitlements_sla_clock_due on entitlements_sla_clock(state, due_at);
create index entitlements_sla_clock_warn on entitlements_sla_clock(state, warn_at);

create table entitlements_alert (
    id bigint primary key,
    case_id bigint not null,
    brand_id bigint not null,
    metric varchar(20) not null,
    kind varchar(10) not null,
    raised_at timestamp with time zone not null,
    actions varchar(300)
);
create index entitlements_alert_at on entitlements_alert(raised_at);

-- The tiers customers already carry on their profile (customers_customer.tier).
insert into entitlements_tier (id, code, name, rank_order, is_default, around_the_clock,
    first_response_minutes, next_response_minutes, resolution_minutes, warn_percent,
    warn_minutes_before, notify_on_breach, created_at)
values (1, 'VIP', 'VIP', 1, false, true, 30, 60, 480, 75, null, true, current_timestamp),
       (2, 'GOLD', 'Gold', 2, false, false, 120, 240, 1440, 75, null, true, current_timestamp),
       (3, 'STANDARD', 'Standard', 3, true, false, 480, 960, 4320, 75, null, true, current_timestamp);

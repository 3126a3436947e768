-- identity: whether a staff member is there to take cases (online, away, offline) and when their
-- console was last seen (a console that goes silent turns its user offline).
create table identity_presence (
    user_id bigint primary key references identity_user(id),
    status varchar(10) not null,
    changed_at timestamp with time zone not null,
    last_seen_at timestamp with time zone not null
);
create index identity_presence_seen on identity_presence(status, last_seen_at);

-- channels: how many listened posts no rule matched, per account and day (UTC). Such posts are not
-- stored, so without these counts an account whose stream brings only unmatched posts would look
-- dead on its health page. Each node adds its counts every few seconds, not once per post.
create table channels_ignored_day (
    account_id bigint not null,
    utc_day date not null,
    posts bigint not null,
    primary key (account_id, utc_day)
);

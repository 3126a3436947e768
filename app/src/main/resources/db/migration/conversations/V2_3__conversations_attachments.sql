-- conversations: files attached to messages. The bytes live in content-addressed storage; rows
-- keep what the sender called the file and what it really is (sniffed), never what they claimed.
create sequence conversations_attachment_seq start with 1 increment by 50;
create table conversations_attachment (
    id bigint primary key,
    message_id bigint not null references conversations_message(id),
    case_id bigint not null references conversations_case(id),
    filename varchar(255) not null,
    content_type varchar(100) not null,
    size_bytes bigint not null,
    sha256 varchar(64) not null,
    created_at timestamp with time zone not null
);
create index conversations_attachment_message on conversations_attachment(message_id);
create index conversations_attachment_case on conversations_attachment(case_id);

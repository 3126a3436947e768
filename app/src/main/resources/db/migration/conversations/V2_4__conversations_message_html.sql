-- conversations: the sanitized HTML of messages that arrived as HTML (email, web forms).
alter table conversations_message add column body_html varchar;

-- conversations: a case captured for a listened post (its row and first message only) until its
-- completion gives it its customer, tags, clocks and routing. Routing leaves it alone and agents
-- cannot change it meanwhile.
alter table conversations_case add column captured boolean default false not null;

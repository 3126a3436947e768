-- listening: the photos and other media a matched post carries, by reference (JSON: type, url,
-- link, description), shown on the mentions stream and fetched if the post becomes a case.
alter table listening_mention add column media varchar(8000);

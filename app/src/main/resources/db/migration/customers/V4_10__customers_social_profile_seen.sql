-- When the network last showed a social identity's profile (handle, name, bio, followers): an
-- older message arriving late must not overwrite what a newer one brought.
alter table customers_social_identity add column profile_seen_at timestamp with time zone;

package io.parley.identity;

/** A staff member's presence changed (set by them, by a sign-in or sign-out, or by silence). */
public record PresenceChanged(UserId user, PresenceStatus before, PresenceStatus status) {}

package io.parley.identity;

/** What other modules may know about a user. */
public record UserSummary(
    UserId id,
    String username,
    String displayName,
    String email,
    Role role,
    String signature,
    boolean active) {}

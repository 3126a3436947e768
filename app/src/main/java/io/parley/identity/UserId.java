package io.parley.identity;

/** Identifies a user across modules. */
public record UserId(long value) {}

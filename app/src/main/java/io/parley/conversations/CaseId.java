package io.parley.conversations;

/** Identifies a case across modules. */
public record CaseId(long value) {}
